package dev.faultlab.proxy.capture;

import io.netty.buffer.ByteBuf;

/**
 * The TCP bookkeeping of one captured conversation: the three-way handshake when capture starts,
 * data segments (at most {@link TcpSegment#MAX_PAYLOAD} bytes each) with consecutive sequence
 * numbers, each acknowledging everything the other side sent, a FIN per side and an RST that ends
 * it. Nothing is written for a side after its FIN or after the RST. "First" is the side that
 * connected: the client, or the proxy towards the broker.
 */
final class TcpStreamSynthesizer {
    private static final long FIRST_ISN = 0x1000_0000L;
    private static final long SECOND_ISN = 0x2000_0000L;

    private final Endpoints endpoints;
    private long firstSeq = FIRST_ISN;
    private long secondSeq = SECOND_ISN;
    private boolean firstFinished;
    private boolean secondFinished;
    private boolean reset;
    private int ipId;

    TcpStreamSynthesizer(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** SYN, SYN-ACK, ACK: the conversation as Wireshark expects it to start. */
    void open(PcapRecords out, long micros) {
        segment(out, micros, true, TcpSegment.SYN, null, 0, 0);
        firstSeq++;
        segment(out, micros, false, TcpSegment.SYN | TcpSegment.ACK, null, 0, 0);
        secondSeq++;
        segment(out, micros, true, TcpSegment.ACK, null, 0, 0);
    }

    /** The readable bytes of {@code data} sent by one side, split into segments; indexes untouched. */
    void data(PcapRecords out, long micros, boolean fromFirst, ByteBuf data) {
        if (reset || (fromFirst ? firstFinished : secondFinished)) {
            return;
        }
        int index = data.readerIndex();
        int end = data.writerIndex();
        while (index < end) {
            int length = Math.min(TcpSegment.MAX_PAYLOAD, end - index);
            segment(out, micros, fromFirst, TcpSegment.ACK | TcpSegment.PSH, data, index, length);
            if (fromFirst) {
                firstSeq += length;
            } else {
                secondSeq += length;
            }
            index += length;
        }
    }

    /** A FIN from one side, once. */
    void fin(PcapRecords out, long micros, boolean fromFirst) {
        if (reset || (fromFirst ? firstFinished : secondFinished)) {
            return;
        }
        segment(out, micros, fromFirst, TcpSegment.FIN | TcpSegment.ACK, null, 0, 0);
        if (fromFirst) {
            firstFinished = true;
            firstSeq++;
        } else {
            secondFinished = true;
            secondSeq++;
        }
    }

    /** An RST from one side, ending the conversation; nothing once both sides sent their FIN. */
    void reset(PcapRecords out, long micros, boolean fromFirst) {
        if (reset || (firstFinished && secondFinished)) {
            return;
        }
        segment(out, micros, fromFirst, TcpSegment.RST | TcpSegment.ACK, null, 0, 0);
        reset = true;
    }

    private void segment(PcapRecords out, long micros, boolean fromFirst, int flags, ByteBuf payload, int index,
                         int length) {
        long seq = fromFirst ? firstSeq : secondSeq;
        long ack = fromFirst ? secondSeq : firstSeq;
        TcpSegment.write(out, micros, endpoints, fromFirst, seq & 0xffff_ffffL, ack & 0xffff_ffffL, flags,
                payload, index, length, ipId++ & 0xffff);
    }
}
