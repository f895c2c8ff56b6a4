package dev.faultlab.proxy.mqtt.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads MQTT data types (MQTT 5 §1.5) from a window of a buffer without consuming it and without
 * copying more than the strings it returns. Every read checks the window's end.
 */
public final class PacketReader {
    private final ByteBuf buffer;
    private final int end;
    private int index;

    /** Reads {@code length} bytes of {@code buffer} from {@code index}. */
    public PacketReader(ByteBuf buffer, int index, int length) {
        this.buffer = buffer;
        this.index = index;
        this.end = index + length;
    }

    public int remaining() {
        return end - index;
    }

    public boolean hasRemaining() {
        return index < end;
    }

    public int readByte() throws MalformedPacketException {
        need(1);
        return buffer.getUnsignedByte(index++);
    }

    public int readShort() throws MalformedPacketException {
        need(2);
        int value = buffer.getUnsignedShort(index);
        index += 2;
        return value;
    }

    public long readInt() throws MalformedPacketException {
        need(4);
        long value = buffer.getUnsignedInt(index);
        index += 4;
        return value;
    }

    public int readVariableInt() throws MalformedPacketException {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int digit = readByte();
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new MalformedPacketException("variable byte integer longer than four bytes");
    }

    public String readString() throws MalformedPacketException {
        int length = readShort();
        need(length);
        String value = buffer.toString(index, length, StandardCharsets.UTF_8);
        index += length;
        return value;
    }

    /** Skips two-byte-length binary data; returns its size and checksum. */
    public PayloadDigest digestBinary() throws MalformedPacketException {
        int length = readShort();
        need(length);
        PayloadDigest digest = PayloadDigest.of(buffer, index, length);
        index += length;
        return digest;
    }

    /** Skips two-byte-length binary data; returns its length. */
    public int skipBinary() throws MalformedPacketException {
        int length = readShort();
        skip(length);
        return length;
    }

    public void skip(int length) throws MalformedPacketException {
        need(length);
        index += length;
    }

    private void need(int bytes) throws MalformedPacketException {
        if (bytes < 0 || index + bytes > end) {
            throw new MalformedPacketException("packet ends early");
        }
    }
}
