package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code timeout}: a black hole. Drops every chunk of its direction, the end of the stream too,
 * and closes the whole connection {@code timeout} milliseconds after it started there; a timeout
 * of 0 drops forever and keeps the connection open. Removing the toxic closes the connection (the
 * stream lost bytes, so it cannot go on); updating its attributes does not.
 */
public record TimeoutToxic(long timeout) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireMillis("timeout", timeout);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        if (timeout > 0) {
            context.schedule(TimeUnit.MILLISECONDS.toNanos(timeout), context::close);
        }
        return new ToxicStage() {
            @Override
            public void accept(Chunk chunk) {
                context.drop(chunk);
            }

            @Override
            public void drain() {
                context.close();
            }

            @Override
            public void replaced() {
                // an attribute update is not a removal: the connection stays open
            }
        };
    }
}
