package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Packet boundaries found from fixed headers, across chunks of any size. */
class PacketBoundariesTest {
    /** PINGRESP, then a PUBLISH of 200 bytes (two-byte remaining length), then a CONNACK. */
    private static final byte[] STREAM = stream();

    private static byte[] stream() {
        byte[] bytes = new byte[2 + 3 + 200 + 4];
        bytes[0] = (byte) 0xD0; // PINGRESP
        bytes[1] = 0x00;        // remaining length 0
        bytes[2] = 0x30;        // PUBLISH, QoS 0
        bytes[3] = (byte) 0xC8; // remaining length 200: 0x48 + continuation
        bytes[4] = 0x01;        //   ... + 1 * 128
        bytes[205] = 0x20;      // CONNACK
        bytes[206] = 0x02;      // remaining length 2
        return bytes;
    }

    @Test
    void knowsWhenAChunkEndsInsideAPacket() {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            PacketBoundaries boundaries = new PacketBoundaries();
            scan(boundaries, 0, cut);
            boolean atBoundary = cut == 0 || cut == 2 || cut == 205 || cut == STREAM.length;
            assertThat(boundaries.insidePacket()).as("cut at %d", cut).isEqualTo(!atBoundary);
            scan(boundaries, cut, STREAM.length);
            assertThat(boundaries.insidePacket()).isFalse();
        }
    }

    @Test
    void leavesTheBufferUntouched() {
        ByteBuf data = Unpooled.wrappedBuffer(STREAM, 0, 10);
        new PacketBoundaries().scan(data);
        assertThat(data.readerIndex()).isZero();
        data.release();
    }

    private static void scan(PacketBoundaries boundaries, int from, int to) {
        ByteBuf data = Unpooled.wrappedBuffer(STREAM, from, to - from);
        boundaries.scan(data);
        data.release();
    }
}
