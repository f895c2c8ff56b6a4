package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code bandwidth}: paces its direction to {@code rate} KB/s (1 KB = 1000 bytes).
 *
 * <p>Bytes leave as if sent over a link of that rate: a chunk is cut into pieces of at most
 * {@value #PIECE_MILLIS} ms worth, and each piece leaves once the link would have carried it,
 * starting when the piece arrived or when the piece before it was done, whichever is later (so a
 * late timer does not slow the stream down, and an idle link banks no credit). The end of the
 * stream takes no time but keeps its place.
 *
 * <p><b>A rate of 0 holds everything without closing</b>; what it holds leaves, in order, when the
 * toxic is removed or updated.
 */
public record BandwidthToxic(long rate) implements Toxic {
    /** The longest time one piece takes at the configured rate. */
    static final long PIECE_MILLIS = 100;

    @Override
    public void validate() {
        Attributes.requireNonNegative("rate", rate);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        return rate == 0 ? new Held(context) : new Paced(context, rate);
    }

    /** Rate 0: holds every chunk until drained. */
    private static final class Held extends QueueingStage {
        Held(ToxicContext context) {
            super(context);
        }

        @Override
        protected long due(Chunk head) {
            return HOLD;
        }
    }

    /** A positive rate: one piece after the other, each as long as its size takes at the rate. */
    private static final class Paced extends QueueingStage {
        private final long bytesPerMilli;
        private final int maxPiece;
        private long busyUntil;
        private int pieceSize;

        Paced(ToxicContext context, long rate) {
            super(context);
            this.bytesPerMilli = rate;
            this.maxPiece = (int) Math.min(Integer.MAX_VALUE, Math.min(rate, Integer.MAX_VALUE) * PIECE_MILLIS);
            this.busyUntil = context.nanoTime();
        }

        @Override
        protected long due(Chunk head) {
            long start = Math.max(busyUntil, head.enteredAt());
            pieceSize = Math.min(head.size(), maxPiece);
            busyUntil = start + pieceSize * TimeUnit.MILLISECONDS.toNanos(1) / bytesPerMilli;
            return busyUntil;
        }

        @Override
        protected Chunk take(Chunk head) {
            return pieceSize < head.size() ? head.split(pieceSize) : head;
        }
    }
}
