package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code slicer}: cuts every chunk of its direction into smaller pieces, {@code averageSize} bytes
 * plus a uniform random offset in [-{@code sizeVariation}, +{@code sizeVariation}] each, and lets
 * {@code delay} microseconds pass after each piece (counted from when it actually left, so two
 * pieces are never closer than that). Bytes and their order are unchanged; the end of the stream
 * follows the last piece.
 */
public record SlicerToxic(int averageSize, int sizeVariation, int delay) implements Toxic {

    @Override
    public void validate() {
        if (averageSize <= 0) {
            throw new IllegalArgumentException("average_size must be positive, got " + averageSize);
        }
        if (sizeVariation < 0 || sizeVariation >= averageSize) {
            throw new IllegalArgumentException("size_variation must be at least 0 and less than average_size ("
                    + averageSize + "), got " + sizeVariation);
        }
        Attributes.requireNonNegative("delay", delay);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        long delayNanos = TimeUnit.MICROSECONDS.toNanos(delay);
        return new QueueingStage(context) {
            private long nextFree = context.nanoTime();
            private int pieceSize;

            @Override
            protected long due(Chunk head) {
                pieceSize = sizeVariation == 0 ? averageSize
                        : averageSize + context.random().nextInt(-sizeVariation, sizeVariation + 1);
                return Math.max(nextFree, context.nanoTime());
            }

            @Override
            protected Chunk take(Chunk head) {
                nextFree = context.nanoTime() + delayNanos;
                return pieceSize < head.size() ? head.split(pieceSize) : head;
            }
        };
    }
}
