package dev.faultlab.scenarios.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Copies a pcap stream (the proxy's capture endpoint) into a file a whole record at a time: the
 * 24-byte file header, then each record's 16-byte header and the {@code incl_len} bytes it
 * announces. A stream cut off in the middle of a record (the scenario ended first) leaves a file
 * that ends on its last whole record, which Wireshark opens without complaint; so does a record
 * whose length makes no sense (over 2 GiB).
 */
final class PcapCopy {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int INCLUDED_LENGTH = 8;

    private long records;
    private long lastRecordNanos = System.nanoTime();
    private boolean ended;

    /** Records copied so far. */
    synchronized long records() {
        return records;
    }

    /**
     * Waits until no record has come for {@code quietNanos}, the copy ended, or {@code deadline}
     * ({@link System#nanoTime()}) passed: packets still on their way when a run ends are kept.
     */
    synchronized void awaitQuiet(long quietNanos, long deadline) throws InterruptedException {
        while (!ended) {
            long now = System.nanoTime();
            long quietAt = lastRecordNanos + quietNanos;
            if (now - quietAt >= 0 || now - deadline >= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(quietAt - now, deadline - now));
        }
    }

    /** Copies until the stream ends or fails; a failure only ends the copy. */
    void copy(InputStream in, OutputStream out) throws IOException {
        try {
            copyRecords(in, out);
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void copyRecords(InputStream in, OutputStream out) throws IOException {
        byte[] header = in.readNBytes(FILE_HEADER);
        if (header.length < FILE_HEADER) {
            return;
        }
        boolean littleEndian = (header[0] & 0xFF) == 0xD4 || (header[0] & 0xFF) == 0x4D;
        out.write(header);
        out.flush();
        try {
            while (true) {
                byte[] recordHeader = in.readNBytes(RECORD_HEADER);
                if (recordHeader.length < RECORD_HEADER) {
                    return;
                }
                int length = int32(recordHeader, INCLUDED_LENGTH, littleEndian);
                byte[] data = length < 0 ? new byte[0] : in.readNBytes(length);
                if (data.length < length || length < 0) {
                    return;
                }
                out.write(recordHeader);
                out.write(data);
                out.flush();
                synchronized (this) {
                    records++;
                    lastRecordNanos = System.nanoTime();
                    notifyAll();
                }
            }
        } catch (IOException cut) {
            // the stream was closed under us (the run's cleanup): the file ends on a whole record
        }
    }

    private static int int32(byte[] bytes, int at, boolean littleEndian) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = bytes[at + (littleEndian ? 3 - i : i)] & 0xFF;
            value = (value << 8) | b;
        }
        return value;
    }
}
