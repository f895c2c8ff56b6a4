package dev.faultlab.emulator;

import io.netty.buffer.ByteBuf;

/**
 * Follows MQTT packet boundaries in an inbound byte stream from the fixed headers alone (type byte,
 * remaining length, body), so the device knows whether it holds part of a packet. Reads buffers
 * without consuming them.
 */
final class PacketBoundaries {
    private static final int TYPE = 0;
    private static final int LENGTH = 1;
    private static final int BODY = 2;

    private int state = TYPE;
    private long remaining;
    private int multiplier;

    /** Consumes the readable bytes of {@code data} (its indexes untouched). */
    void scan(ByteBuf data) {
        int at = data.readerIndex();
        int end = data.writerIndex();
        while (at < end) {
            if (state == BODY) {
                int skip = (int) Math.min(remaining, end - at);
                at += skip;
                remaining -= skip;
                if (remaining == 0) {
                    state = TYPE;
                }
                continue;
            }
            int b = data.getUnsignedByte(at++);
            if (state == TYPE) {
                state = LENGTH;
                remaining = 0;
                multiplier = 1;
            } else {
                remaining += (long) (b & 0x7F) * multiplier;
                multiplier *= 128;
                if ((b & 0x80) == 0) {
                    state = remaining == 0 ? TYPE : BODY;
                }
            }
        }
    }

    /** True between the first byte of a packet and its last. */
    boolean insidePacket() {
        return state != TYPE;
    }
}
