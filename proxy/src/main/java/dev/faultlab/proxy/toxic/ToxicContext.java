package dev.faultlab.proxy.toxic;

import java.util.random.RandomGenerator;

/**
 * What a toxic stage may do to its connection. Toxics never touch sockets: the chain behind this
 * interface forwards, drops, schedules and closes for them, so the same toxic runs on a real
 * connection and under virtual time in a unit test.
 */
public interface ToxicContext {

    /** Hands the chunk to the next stage, or to the destination socket after the last stage. */
    void forward(Chunk chunk);

    /** Drops the chunk (releases its bytes); counted as dropped by design. */
    void drop(Chunk chunk);

    /**
     * Runs {@code task} on the connection's event loop after {@code delayNanos}. The task is
     * cancelled when the stage is drained or discarded.
     */
    Cancellable schedule(long delayNanos, Runnable task);

    /** The clock, in nanoseconds (monotonic; virtual in tests). */
    long nanoTime();

    /** The connection's random source, seeded from the server seed: runs replay with {@code --seed}. */
    RandomGenerator random();

    /** Closes the whole connection with FIN on both sides, after data already forwarded. */
    void close();

    /** Closes the whole connection with RST on both sides. */
    void reset();

    /** Which direction this stage works on. */
    Direction direction();

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
