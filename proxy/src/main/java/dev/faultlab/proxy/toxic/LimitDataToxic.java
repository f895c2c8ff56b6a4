package dev.faultlab.proxy.toxic;

/**
 * {@code limit_data}: passes the first {@code bytes} bytes of its direction of each connection,
 * then closes the connection (FIN both ways, after those bytes). A chunk that straddles the limit
 * is cut: its head passes, the rest is dropped, as is anything later. A limit of 0 closes the
 * connection on the first data. As in Toxiproxy, the count survives an update of the limit: the
 * bytes already passed count against the new one.
 */
public record LimitDataToxic(long bytes) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireNonNegative("bytes", bytes);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        return new Stage(context);
    }

    /** Counts the bytes passed on one connection and direction. */
    private final class Stage implements ToxicStage {
        private final ToxicContext context;
        private long passed;

        Stage(ToxicContext context) {
            this.context = context;
        }

        @Override
        public void takeOver(ToxicStage previous) {
            if (previous instanceof Stage earlier) {
                passed = earlier.passed;
            }
        }

        @Override
        public void accept(Chunk chunk) {
            if (chunk.isEnd()) {
                context.forward(chunk);
                return;
            }
            long remaining = Math.max(0, bytes - passed);
            if (remaining == 0) {
                context.drop(chunk);
                context.close();
                return;
            }
            if (chunk.size() > remaining) {
                Chunk head = chunk.split((int) remaining);
                context.drop(chunk);
                chunk = head;
            }
            passed += chunk.size();
            context.forward(chunk);
            if (passed >= bytes) {
                context.close();
            }
        }
    }
}
