package dev.faultlab.proxy.capture;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * A batch of pcap records being formatted (classic pcap, microsecond timestamps, little-endian
 * record headers, {@code LINKTYPE_RAW}: each packet starts with its IPv4 or IPv6 header). Grows as
 * needed; {@link #take} hands the batch out and starts the next. Not thread-safe: one per event
 * loop user.
 */
final class PcapRecords {
    /** The pcap file header: magic, version 2.4, UTC, snap length, {@code LINKTYPE_RAW} (101). */
    static final byte[] FILE_HEADER = fileHeader();
    static final int SNAP_LENGTH = 262_144;
    static final int LINKTYPE_RAW = 101;
    static final int RECORD_HEADER_BYTES = 16;

    private byte[] bytes = new byte[512];
    private int size;
    private int records;

    /** Starts a record of a packet of {@code length} bytes taken at {@code micros} since the epoch. */
    void beginRecord(long micros, int length) {
        int32le((int) (micros / 1_000_000));
        int32le((int) (micros % 1_000_000));
        int32le(length);
        int32le(length);
        records++;
    }

    void int8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void int32(long value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /** Copies {@code length} bytes of {@code source} from {@code index}, leaving its indexes as they are. */
    void bytes(ByteBuf source, int index, int length) {
        ensure(length);
        source.getBytes(index, bytes, size, length);
        size += length;
    }

    int position() {
        return size;
    }

    /** Writes a 16-bit big-endian value at {@code at}, a position already written. */
    void set16(int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    /** The ones' complement sum of the bytes in [from, to), as 16-bit big-endian words, not folded. */
    long sum(int from, int to) {
        long sum = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < to) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return sum;
    }

    boolean isEmpty() {
        return records == 0;
    }

    int records() {
        return records;
    }

    /** The records formatted since the last take, and a fresh start. */
    byte[] take() {
        byte[] batch = Arrays.copyOf(bytes, size);
        size = 0;
        records = 0;
        return batch;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void int32le(int value) {
        ensure(4);
        bytes[size++] = (byte) value;
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 24);
    }

    private static byte[] fileHeader() {
        PcapRecords header = new PcapRecords();
        header.int32le(0xa1b2c3d4);
        header.int8(2);
        header.int8(0);
        header.int8(4);
        header.int8(0);
        header.int32le(0);
        header.int32le(0);
        header.int32le(SNAP_LENGTH);
        header.int32le(LINKTYPE_RAW);
        return header.take();
    }
}
