package dev.faultlab.proxy.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.testing.PcapFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pcap format and the TCP bookkeeping, read back with an independent parser: file header,
 * record lengths, checksums, handshake, sequence and ack continuity, segmentation of big chunks,
 * FIN and RST, IPv4 and IPv6.
 */
class TcpStreamSynthesizerTest {
    private static final InetSocketAddress CLIENT = address("127.0.0.1", 50_000);
    private static final InetSocketAddress PROXY = address("127.0.0.1", 1883);

    @Test
    void theFileHeaderIsClassicPcapOfRawIpPackets() {
        PcapFile file = PcapFile.parse(PcapRecords.FILE_HEADER);

        assertThat(PcapRecords.FILE_HEADER).hasSize(24);
        assertThat(file.linkType()).isEqualTo(101);
        assertThat(file.snapLength()).isEqualTo(PcapRecords.SNAP_LENGTH);
        assertThat(file.segments()).isEmpty();
    }

    @Test
    void aConversationOpensCarriesDataBothWaysAndFinishes() {
        PcapRecords out = new PcapRecords();
        TcpStreamSynthesizer stream = new TcpStreamSynthesizer(Endpoints.of(CLIENT, PROXY));
        stream.open(out, 1_000_000);
        stream.data(out, 1_000_010, true, bytes(33));
        stream.data(out, 1_000_020, false, bytes(4));
        stream.data(out, 1_000_030, true, bytes(2));
        stream.fin(out, 1_000_040, true);
        stream.fin(out, 1_000_050, false);
        stream.fin(out, 1_000_060, false);

        List<PcapFile.Segment> segments = parse(out).segments();

        assertThat(segments).hasSize(8);
        assertThat(segments).allMatch(PcapFile.Segment::ipChecksumOk).allMatch(PcapFile.Segment::tcpChecksumOk);
        assertThat(segments.get(0).flags()).isEqualTo(PcapFile.SYN);
        assertThat(segments.get(1).flags()).isEqualTo(PcapFile.SYN | PcapFile.ACK);
        assertThat(segments.get(1).ack()).isEqualTo(segments.get(0).seq() + 1);
        assertThat(segments.get(2).flags()).isEqualTo(PcapFile.ACK);
        assertThat(segments.get(3).payload()).hasSize(33);
        assertThat(segments.get(3).seq()).isEqualTo(segments.get(0).seq() + 1);
        assertThat(segments.get(4).ack()).as("the server acknowledges the 33 bytes")
                .isEqualTo(segments.get(3).seq() + 33);
        assertThat(segments.get(5).seq()).isEqualTo(segments.get(3).seq() + 33);
        assertThat(segments.get(5).ack()).isEqualTo(segments.get(4).seq() + 4);
        assertThat(segments.get(6).has(PcapFile.FIN)).isTrue();
        assertThat(segments.get(6).seq()).isEqualTo(segments.get(5).seq() + 2);
        assertThat(segments.get(7).has(PcapFile.FIN)).isTrue();
        assertThat(segments.get(7).ack()).as("a FIN counts one").isEqualTo(segments.get(6).seq() + 1);
        assertThat(segments.get(3).micros()).isEqualTo(1_000_010);
        assertThat(segments.get(0).sourcePort()).isEqualTo(50_000);
        assertThat(segments.get(0).destinationPort()).isEqualTo(1883);
        assertThat(segments.get(4).sourcePort()).isEqualTo(1883);
    }

    @Test
    void aBigChunkIsSplitIntoSegmentsThatFitAnIpPacket() {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        PcapRecords out = new PcapRecords();
        TcpStreamSynthesizer stream = new TcpStreamSynthesizer(Endpoints.of(CLIENT, PROXY));
        ByteBuf chunk = Unpooled.wrappedBuffer(data);
        stream.data(out, 5, true, chunk);

        PcapFile file = parse(out);

        assertThat(chunk.readerIndex()).as("the chunk is left as it was").isZero();
        assertThat(file.segments()).hasSize(4);
        assertThat(file.segments()).allMatch(s -> s.payload().length + 40 <= 65_535)
                .allMatch(PcapFile.Segment::tcpChecksumOk);
        assertThat(file.payload(50_000, 1883)).isEqualTo(data);
        for (int i = 1; i < file.segments().size(); i++) {
            PcapFile.Segment before = file.segments().get(i - 1);
            assertThat(file.segments().get(i).seq()).isEqualTo(before.seq() + before.payload().length);
        }
    }

    @Test
    void aResetEndsTheConversation() {
        PcapRecords out = new PcapRecords();
        TcpStreamSynthesizer stream = new TcpStreamSynthesizer(Endpoints.of(CLIENT, PROXY));
        stream.data(out, 1, true, bytes(3));
        stream.reset(out, 2, false);
        stream.data(out, 3, true, bytes(3));
        stream.fin(out, 4, true);
        stream.reset(out, 5, true);

        List<PcapFile.Segment> segments = parse(out).segments();

        assertThat(segments).hasSize(2);
        assertThat(segments.get(1).flags()).isEqualTo(PcapFile.RST | PcapFile.ACK);
        assertThat(segments.get(1).sourcePort()).isEqualTo(1883);
    }

    @Test
    void ipv6AddressesMakeIpv6PacketsWithTheirChecksum() {
        PcapRecords out = new PcapRecords();
        TcpStreamSynthesizer stream = new TcpStreamSynthesizer(Endpoints.of(address("::1", 40_000), PROXY));
        stream.open(out, 0);
        stream.data(out, 1, false, bytes(5));

        List<PcapFile.Segment> segments = parse(out).segments();

        assertThat(segments).hasSize(4).allMatch(s -> s.ipVersion() == 6).allMatch(PcapFile.Segment::tcpChecksumOk);
        assertThat(segments.get(3).source()).as("the IPv4 end, IPv4-mapped")
                .isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1});
    }

    @Test
    void theChecksumOfKnownBytesIsTheInternetChecksum() {
        PcapRecords out = new PcapRecords();
        for (int b : new int[] {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
                0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7}) {
            out.int8(b);
        }

        assertThat(TcpSegment.checksum(out.sum(0, out.position()))).isEqualTo(0xb861);
    }

    private static PcapFile parse(PcapRecords records) {
        byte[] body = records.take();
        byte[] file = new byte[PcapRecords.FILE_HEADER.length + body.length];
        System.arraycopy(PcapRecords.FILE_HEADER, 0, file, 0, PcapRecords.FILE_HEADER.length);
        System.arraycopy(body, 0, file, PcapRecords.FILE_HEADER.length, body.length);
        return PcapFile.parse(file);
    }

    private static ByteBuf bytes(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
        }
        return Unpooled.wrappedBuffer(data);
    }

    private static InetSocketAddress address(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
