package dev.faultlab.proxy.mqtt.codec;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32C;

/**
 * What tells two message payloads apart without keeping either: the size in bytes and the
 * CRC-32C of the bytes. The will watcher compares a will registered in a CONNECT with what
 * arrives on its topic, so a device's "online" on its will topic is not taken for its "offline" will.
 */
public record PayloadDigest(int size, int crc32c) {

    public static PayloadDigest of(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return new PayloadDigest(payload.length, (int) crc.getValue());
    }

    /** The digest of {@code length} bytes of {@code buffer} from {@code index}; the buffer is left as it is. */
    static PayloadDigest of(ByteBuf buffer, int index, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.nioBuffer(index, length));
        return new PayloadDigest(length, (int) crc.getValue());
    }
}
