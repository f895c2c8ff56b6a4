package dev.faultlab.proxy.toxic;

/**
 * {@code limit_data}: passes the first {@code bytes} bytes of its direction of each connection,
 * then closes the connection (FIN both ways, after those bytes). A chunk that straddles the limit
 * is cut: its head passes, the rest is dropped, as is anything later. A limit of 0 closes the
 * connection on the first data.
 */
public record LimitDataToxic(long bytes) implements Toxic {

    @Override
    public void validate() {
        Attributes.requireNonNegative("bytes", bytes);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        return new ToxicStage() {
            private long remaining = bytes;

            @Override
            public void accept(Chunk chunk) {
                if (chunk.isEnd()) {
                    context.forward(chunk);
                    return;
                }
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
                remaining -= chunk.size();
                context.forward(chunk);
                if (remaining == 0) {
                    context.close();
                }
            }
        };
    }
}
