package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code slow_close}: lets data through at once but holds the end of the stream (the FIN) for
 * {@code delay} milliseconds after it reached this stage, so the other side sees the close late.
 */
public record SlowCloseToxic(long delay) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireMillis("delay", delay);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(delay);
        return new QueueingStage(context) {
            @Override
            protected long due(Chunk head) {
                return head.isEnd() ? head.enteredAt() + delayNanos : head.enteredAt();
            }
        };
    }
}
