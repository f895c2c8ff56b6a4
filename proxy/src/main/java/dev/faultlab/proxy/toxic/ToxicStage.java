package dev.faultlab.proxy.toxic;

/**
 * A toxic at work on one direction of one connection. All methods run on the connection's event
 * loop, one at a time, so a stage needs no synchronisation.
 *
 * <p>The contract (Toxiproxy's, made explicit): every chunk received is eventually forwarded or
 * dropped through the context, in order; nothing blocks; when the toxic is removed the stage hands
 * on everything it still holds, so no byte is lost or reordered by a change of the chain.
 */
public interface ToxicStage {

    /** A chunk (bytes or end of stream) arrives; the stage now owns it. */
    void accept(Chunk chunk);

    /**
     * The toxic is removed or replaced: forward everything still held, in order. Timers scheduled
     * through the context are cancelled by the chain after this returns.
     */
    default void drain() {
    }

    /**
     * The toxic's attributes changed and an updated stage replaces this one: forward everything
     * still held, in order, to the replacement (chunks keep their entry time). Unlike
     * {@link #drain()}, this is not a removal, so removal effects (a timeout's close) do not apply.
     */
    default void replaced() {
        drain();
    }

    /**
     * This stage replaces {@code previous} (the same toxic before an attribute update): take over
     * whatever state must outlive the update, e.g. the bytes a {@code limit_data} already passed.
     * Called before {@code previous} is retired.
     */
    default void takeOver(ToxicStage previous) {
    }

    /** The connection is gone: drop everything still held. */
    default void discard() {
    }
}
