package dev.faultlab.proxy.capture;

import io.netty.buffer.ByteBuf;

/**
 * Writes one TCP segment as an IP packet into a pcap record: an IPv4 header (DF, TTL 64, header
 * checksum) or an IPv6 header (hop limit 64), the TCP header (maximum segment size and window scale options on SYNs) and the
 * payload, with the TCP checksum over the pseudo-header. Addresses are 4 or 16 bytes, both the
 * same length.
 */
final class TcpSegment {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    /** The largest payload that keeps an IPv6 packet (and so an IPv4 one) within 65535 bytes. */
    static final int MAX_PAYLOAD = 65_535 - 40 - 20;
    /** The advertised window, scaled by {@link #WINDOW_SHIFT}: 8 MiB, more than a proxy holds in flight. */
    static final int WINDOW = 0xffff;
    static final int WINDOW_SHIFT = 7;
    private static final int PROTOCOL_TCP = 6;

    private TcpSegment() {
    }

    /**
     * Appends the segment as one record.
     *
     * @param payload the bytes to carry, read at [index, index + length) without moving its indexes;
     *     null for none
     * @param ipId the IPv4 identification field (ignored for IPv6)
     */
    static void write(PcapRecords out, long micros, Endpoints endpoints, boolean fromFirst, long seq, long ack,
                      int flags, ByteBuf payload, int index, int length, int ipId) {
        byte[] source = fromFirst ? endpoints.firstAddress() : endpoints.secondAddress();
        byte[] destination = fromFirst ? endpoints.secondAddress() : endpoints.firstAddress();
        boolean v6 = source.length == 16;
        int tcpHeader = (flags & SYN) != 0 ? 28 : 20;
        int tcpLength = tcpHeader + length;
        int ipHeader = v6 ? 40 : 20;
        out.beginRecord(micros, ipHeader + tcpLength);
        if (v6) {
            out.int32(0x6000_0000L);
            out.int16(tcpLength);
            out.int8(PROTOCOL_TCP);
            out.int8(64);
            out.bytes(source);
            out.bytes(destination);
        } else {
            int start = out.position();
            out.int8(0x45);
            out.int8(0);
            out.int16(ipHeader + tcpLength);
            out.int16(ipId);
            out.int16(0x4000);
            out.int8(64);
            out.int8(PROTOCOL_TCP);
            out.int16(0);
            out.bytes(source);
            out.bytes(destination);
            out.set16(start + 10, checksum(out.sum(start, out.position())));
        }
        int tcpStart = out.position();
        out.int16(fromFirst ? endpoints.firstPort() : endpoints.secondPort());
        out.int16(fromFirst ? endpoints.secondPort() : endpoints.firstPort());
        out.int32(seq);
        out.int32((flags & ACK) != 0 ? ack : 0);
        out.int8((tcpHeader / 4) << 4);
        out.int8(flags);
        out.int16(WINDOW);
        out.int16(0);
        out.int16(0);
        if ((flags & SYN) != 0) {
            out.int8(2);
            out.int8(4);
            out.int16(MAX_PAYLOAD);
            out.int8(1);
            out.int8(3);
            out.int8(3);
            out.int8(WINDOW_SHIFT);
        }
        if (length > 0) {
            out.bytes(payload, index, length);
        }
        long pseudo = sumOf(source) + sumOf(destination) + PROTOCOL_TCP + tcpLength;
        out.set16(tcpStart + 16, checksum(pseudo + out.sum(tcpStart, out.position())));
    }

    private static long sumOf(byte[] address) {
        long sum = 0;
        for (int i = 0; i < address.length; i += 2) {
            sum += ((address[i] & 0xff) << 8) | (address[i + 1] & 0xff);
        }
        return sum;
    }

    /** Folds a ones' complement sum to 16 bits and complements it. */
    static int checksum(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
