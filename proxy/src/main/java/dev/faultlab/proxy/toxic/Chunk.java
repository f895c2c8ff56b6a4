package dev.faultlab.proxy.toxic;

import dev.faultlab.proxy.mqtt.FrameLayout;
import io.netty.buffer.ByteBuf;

/**
 * One piece of one direction of a connection as it travels through a toxic chain: either
 * bytes read from the source socket, or the end of the stream (the source sent FIN).
 *
 * <p>A chunk owns its buffer: whoever holds the chunk must hand it on ({@link ToxicContext#forward})
 * or drop it ({@link ToxicContext#drop}); nobody else releases it. {@link #enteredAt()} is the
 * time in nanoseconds at which the chunk entered the stage that holds it now, so a delay measured
 * from it includes the time the chunk spent queued in that stage. On an MQTT connection,
 * {@link #layout()} says where the chunk's packets start; null on plain TCP.
 */
public final class Chunk {
    private final ByteBuf data;
    private FrameLayout layout;
    private long enteredAt;

    private Chunk(ByteBuf data, FrameLayout layout, long enteredAt) {
        this.data = data;
        this.layout = layout;
        this.enteredAt = enteredAt;
    }

    /** A chunk of bytes; takes ownership of {@code data}. */
    public static Chunk of(ByteBuf data, long nanoTime) {
        return of(data, null, nanoTime);
    }

    /** A chunk of MQTT bytes with its packet layout (null for raw bytes); takes ownership of {@code data}. */
    public static Chunk of(ByteBuf data, FrameLayout layout, long nanoTime) {
        if (data == null) {
            throw new IllegalArgumentException("data");
        }
        return new Chunk(data, layout, nanoTime);
    }

    /** The end of the stream: the source closed its side (FIN). */
    public static Chunk end(long nanoTime) {
        return new Chunk(null, null, nanoTime);
    }

    /** Where MQTT packets start in this chunk; null on plain TCP or raw bytes. */
    public FrameLayout layout() {
        return layout;
    }

    public boolean isEnd() {
        return data == null;
    }

    /** The bytes; null for the end of the stream. */
    public ByteBuf data() {
        return data;
    }

    /** Readable bytes; 0 for the end of the stream. */
    public int size() {
        return data == null ? 0 : data.readableBytes();
    }

    public long enteredAt() {
        return enteredAt;
    }

    void enteredAt(long nanoTime) {
        this.enteredAt = nanoTime;
    }

    /**
     * Splits off the first {@code length} bytes as a new chunk (a retained slice, no copy) and
     * leaves the rest in this one. Both keep this chunk's entry time; the packet layout is split
     * with the bytes.
     */
    public Chunk split(int length) {
        if (data == null || length <= 0 || length >= data.readableBytes()) {
            throw new IllegalArgumentException("split " + length + " of " + size());
        }
        FrameLayout headLayout = null;
        if (layout != null) {
            FrameLayout[] parts = layout.split(length, data.readableBytes());
            headLayout = parts[0];
            layout = parts[1];
        }
        return new Chunk(data.readRetainedSlice(length), headLayout, enteredAt);
    }

    /** Releases the buffer; only the chain does this, through {@link ToxicContext#drop}. */
    void release() {
        if (data != null) {
            data.release();
        }
    }

    @Override
    public String toString() {
        return isEnd() ? "Chunk[end]" : "Chunk[" + size() + " B]";
    }
}
