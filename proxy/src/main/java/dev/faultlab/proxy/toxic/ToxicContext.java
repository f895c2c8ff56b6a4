package dev.faultlab.proxy.toxic;

import dev.faultlab.proxy.mqtt.SessionState;
import io.netty.buffer.ByteBuf;
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

    /** What the proxy knows of the connection's MQTT session ({@link SessionState#NONE} on plain TCP). */
    SessionState session();

    /**
     * Sends a chunk the toxic made (an encoded packet, a copy) on in this direction, as if the
     * stage had received it: it goes to the next stage and is counted like forwarded bytes.
     */
    void inject(Chunk chunk);

    /**
     * Writes bytes back to this direction's source (a CONNACK answering a CONNECT), behind whatever
     * the other direction already delivered there. Takes ownership of {@code data}.
     */
    void reply(ByteBuf data);

    /**
     * Stops reading this direction's source, so its sender's TCP window closes; with
     * {@code receiveBuffer} > 0 the socket's receive buffer shrinks to that many bytes first. Each
     * call must be matched by one {@link #resumeSource()}.
     */
    void pauseSource(int receiveBuffer);

    /** Reads the source again once every {@link #pauseSource} has been matched by this call. */
    void resumeSource();

    /**
     * While on, everything arriving from either side is dropped and both sockets stay open (a link
     * that went silent). Each call with {@code true} must be matched by one with {@code false}.
     */
    void blackhole(boolean on);

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
