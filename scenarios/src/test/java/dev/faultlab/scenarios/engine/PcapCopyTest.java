package dev.faultlab.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pcap stream copied a whole record at a time, in either byte order, however it is cut off. */
class PcapCopyTest {

    @Test
    void aStreamCutInsideARecordLeavesTheWholeRecordsBeforeIt() throws IOException {
        byte[] stream = pcap(ByteOrder.LITTLE_ENDIAN, 5, 7, 3);
        byte[] cut = Arrays.copyOf(stream, stream.length - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapCopy copy = new PcapCopy();

        copy.copy(new ByteArrayInputStream(cut), out);

        assertThat(copy.records()).isEqualTo(2);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(stream, 24 + 16 + 5 + 16 + 7));
    }

    @Test
    void aBigEndianFileIsReadInItsOwnOrderAndAClosedStreamEndsTheCopy() throws IOException {
        byte[] stream = pcap(ByteOrder.BIG_ENDIAN, 300, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapCopy copy = new PcapCopy();
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(stream, 0, 24 + 16 + 300 + 16 + 1)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (in.available() == 0) {
                    throw new IOException("stream closed");
                }
                return super.read(b, off, len);
            }
        };

        copy.copy(failing, out);

        assertThat(copy.records()).isEqualTo(1);
        assertThat(out.size()).isEqualTo(24 + 16 + 300);
    }

    @Test
    void anEndedCopyIsQuietAtOnce() throws IOException {
        PcapCopy copy = new PcapCopy();
        copy.copy(new ByteArrayInputStream(pcap(ByteOrder.LITTLE_ENDIAN, 4)), new ByteArrayOutputStream());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> copy.awaitQuiet(TimeUnit.SECONDS.toNanos(30),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(60)));
    }

    @Test
    void lessThanAFileHeaderWritesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapCopy().copy(new ByteArrayInputStream(new byte[10]), out);
        assertThat(out.size()).isZero();
    }

    /** A pcap file (microsecond magic) with records of the given lengths, their bytes numbered. */
    private static byte[] pcap(ByteOrder order, int... lengths) {
        int size = 24 + Arrays.stream(lengths).map(length -> 16 + length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size).order(order);
        buffer.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        byte next = 0;
        for (int length : lengths) {
            buffer.putInt(1).putInt(0).putInt(length).putInt(length);
            for (int i = 0; i < length; i++) {
                buffer.put(next++);
            }
        }
        return buffer.array();
    }
}
