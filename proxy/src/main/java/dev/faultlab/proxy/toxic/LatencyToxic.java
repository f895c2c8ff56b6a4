package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code latency}: delays every chunk of its direction, the end of the stream included.
 *
 * <p>A chunk leaves at the time it entered this stage plus {@code latency} plus a uniform random
 * offset in [-{@code jitter}, +{@code jitter}] (both in milliseconds; the delay is clamped at 0, so
 * a jitter larger than the latency is allowed). Time spent queued counts towards the delay, order
 * is kept (a chunk never leaves before the one ahead of it), and stacked latency toxics add up, as
 * each measures from the moment the chunk entered it.
 */
public record LatencyToxic(long latency, long jitter) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireMillis("latency", latency);
        Attributes.requireMillis("jitter", jitter);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        long latencyNanos = TimeUnit.MILLISECONDS.toNanos(latency);
        long jitterNanos = TimeUnit.MILLISECONDS.toNanos(jitter);
        return new QueueingStage(context) {
            @Override
            protected long due(Chunk head) {
                long delay = latencyNanos;
                if (jitterNanos > 0) {
                    delay += context.random().nextLong(-jitterNanos, jitterNanos + 1);
                }
                return head.enteredAt() + Math.max(0, delay);
            }
        };
    }
}
