package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code reset_peer}: on the first data that reaches it, drops that data, waits {@code timeout}
 * milliseconds and resets the connection (RST both ways); anything arriving meanwhile is dropped.
 * An end of stream that comes before any data passes.
 */
public record ResetPeerToxic(long timeout) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireMillis("timeout", timeout);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
        return new ToxicStage() {
            private boolean triggered;

            @Override
            public void accept(Chunk chunk) {
                if (!triggered && chunk.isEnd()) {
                    context.forward(chunk);
                    return;
                }
                context.drop(chunk);
                if (!triggered) {
                    triggered = true;
                    context.schedule(timeoutNanos, context::reset);
                }
            }
        };
    }
}
