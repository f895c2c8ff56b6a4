package dev.faultlab.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a classic pcap file of {@code LINKTYPE_RAW} IPv4/IPv6 + TCP packets, as the capture
 * writes them, into its records (an incomplete last record, a file still being written, is left
 * out). Checks what a reader depends on: the magic, the link type, each record's lengths.
 */
public record PcapFile(int linkType, int snapLength, List<Segment> segments) {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    /** One TCP segment: when, from where to where, sequence and ack numbers, flags and payload. */
    public record Segment(long micros, int ipVersion, byte[] source, int sourcePort, byte[] destination,
                          int destinationPort, long seq, long ack, int flags, byte[] payload,
                          boolean ipChecksumOk, boolean tcpChecksumOk) {

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    public static PcapFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    public static PcapFile parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a microsecond pcap file in little-endian order");
        }
        if (in.getShort() != 2 || in.getShort() != 4) {
            throw new IllegalArgumentException("not pcap version 2.4");
        }
        in.getInt();
        in.getInt();
        int snap = in.getInt();
        int link = in.getInt();
        List<Segment> segments = new ArrayList<>();
        while (in.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            int micros = in.getInt();
            int included = in.getInt();
            int original = in.getInt();
            if (included != original || micros < 0 || micros >= 1_000_000) {
                throw new IllegalArgumentException("bad record header at " + (in.position() - 16));
            }
            if (in.remaining() < included) {
                break;
            }
            byte[] packet = new byte[included];
            in.get(packet);
            segments.add(segment(seconds * 1_000_000 + micros, packet));
        }
        return new PcapFile(link, snap, segments);
    }

    private static Segment segment(long micros, byte[] packet) {
        ByteBuffer p = ByteBuffer.wrap(packet);
        int version = (packet[0] & 0xff) >>> 4;
        int ipHeader = version == 4 ? (packet[0] & 0x0f) * 4 : 40;
        int ipLength = version == 4 ? p.getShort(2) & 0xffff : 40 + (p.getShort(4) & 0xffff);
        if (ipLength != packet.length || p.get(version == 4 ? 9 : 6) != 6) {
            throw new IllegalArgumentException("IP length or protocol wrong");
        }
        int addressLength = version == 4 ? 4 : 16;
        int addressAt = version == 4 ? 12 : 8;
        byte[] source = Arrays.copyOfRange(packet, addressAt, addressAt + addressLength);
        byte[] destination = Arrays.copyOfRange(packet, addressAt + addressLength, addressAt + 2 * addressLength);
        boolean ipOk = version == 6 || fold(sum(packet, 0, ipHeader)) == 0xffff;
        int tcpLength = packet.length - ipHeader;
        long pseudo = sum(source, 0, addressLength) + sum(destination, 0, addressLength) + 6 + tcpLength;
        boolean tcpOk = fold(pseudo + sum(packet, ipHeader, packet.length)) == 0xffff;
        int dataOffset = ((packet[ipHeader + 12] & 0xff) >>> 4) * 4;
        return new Segment(micros, version, source, p.getShort(ipHeader) & 0xffff, destination,
                p.getShort(ipHeader + 2) & 0xffff, Integer.toUnsignedLong(p.getInt(ipHeader + 4)),
                Integer.toUnsignedLong(p.getInt(ipHeader + 8)), packet[ipHeader + 13] & 0xff,
                Arrays.copyOfRange(packet, ipHeader + dataOffset, packet.length), ipOk, tcpOk);
    }

    private static long sum(byte[] bytes, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (i + 1 < to ? bytes[i + 1] & 0xff : 0);
        }
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The segments between two ports (either way), in file order. */
    public List<Segment> between(int portA, int portB) {
        return segments.stream()
                .filter(s -> (s.sourcePort() == portA && s.destinationPort() == portB)
                        || (s.sourcePort() == portB && s.destinationPort() == portA))
                .toList();
    }

    /** The payload bytes sent from {@code fromPort} to {@code toPort}, concatenated. */
    public byte[] payload(int fromPort, int toPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segments.stream().filter(s -> s.sourcePort() == fromPort && s.destinationPort() == toPort)
                .forEach(s -> out.writeBytes(s.payload()));
        return out.toByteArray();
    }
}
