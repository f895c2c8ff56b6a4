package dev.faultlab.proxy.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MqttFrameSplitterTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final List<String> events = new ArrayList<>();
    private final MqttFrameSplitter.Listener listener = new MqttFrameSplitter.Listener() {
        @Override
        public void detected(int protocolLevel) {
            events.add("detected " + protocolLevel);
        }

        @Override
        public void raw(String reason, boolean malformed) {
            events.add((malformed ? "malformed: " : "raw: ") + reason);
        }
    };

    /** Collects what the splitter hands on: the bytes, and each packet start with its absolute offset. */
    private static final class Collector implements MqttFrameSplitter.Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<String> packets = new ArrayList<>();
        int maxChunk;

        @Override
        public void accept(ByteBuf data, FrameLayout layout) {
            int base = bytes.size();
            if (layout != null) {
                for (MqttFrame frame : layout.frames()) {
                    packets.add(frame.type() + "@" + (base + frame.offset()) + "+" + frame.length());
                }
            }
            maxChunk = Math.max(maxChunk, data.readableBytes());
            byte[] copy = new byte[data.readableBytes()];
            data.readBytes(copy);
            bytes.writeBytes(copy);
            data.release();
        }
    }

    @Test
    void findsEveryPacketOfAStreamWhateverItsFragmentation() {
        Random random = new Random(3);
        for (int round = 0; round < 200; round++) {
            Session session = Session.random(random, 5, 30, 3000);
            MqttFrameSplitter splitter = MqttFrameSplitter.detecting(ALLOC, 1024, listener);
            Collector out = new Collector();
            feedFragmented(splitter, session.bytes, random, out);
            splitter.finish(out);
            assertThat(out.bytes.toByteArray()).isEqualTo(session.bytes);
            assertThat(out.packets).isEqualTo(session.packets);
        }
        assertThat(events).containsOnly("detected 5");
    }

    @Test
    void aHugePublishStreamsThroughWithBoundedHoldBack() {
        Session session = new Session();
        session.connect(4);
        session.packet(0x30, new byte[1024 * 1024]);
        session.packet(0xC0, new byte[0]);
        MqttFrameSplitter splitter = MqttFrameSplitter.detecting(ALLOC, 16 * 1024, listener);
        Collector out = new Collector();
        for (int at = 0; at < session.bytes.length; at += 8192) {
            int n = Math.min(8192, session.bytes.length - at);
            splitter.feed(Unpooled.copiedBuffer(session.bytes, at, n), out);
        }
        assertThat(out.bytes.toByteArray()).isEqualTo(session.bytes);
        assertThat(out.packets).isEqualTo(session.packets);
        assertThat(out.maxChunk).as("largest buffer handed on").isLessThanOrEqualTo(16 * 1024 + 8192 + 5);
    }

    @Test
    void recognisesMqtt31AndPassesNonMqttRaw() {
        Session v31 = new Session();
        v31.connect(3);
        MqttFrameSplitter splitter = MqttFrameSplitter.detecting(ALLOC, 1024, listener);
        Collector out = new Collector();
        splitter.feed(Unpooled.copiedBuffer(v31.bytes), out);
        assertThat(out.packets).containsExactly("CONNECT@0+" + v31.bytes.length);

        MqttFrameSplitter http = MqttFrameSplitter.detecting(ALLOC, 1024, listener);
        Collector raw = new Collector();
        byte[] get = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        http.feed(Unpooled.copiedBuffer(get), raw);
        assertThat(raw.bytes.toByteArray()).isEqualTo(get);
        assertThat(raw.packets).isEmpty();
        assertThat(http.isRaw()).isTrue();
        assertThat(events).containsExactly("detected 3", "raw: first byte is not a CONNECT");
    }

    @Test
    void malformedInputSwitchesToRawOnceAndLosesNothing() {
        Session session = new Session();
        session.connect(4);
        session.packet(0xC0, new byte[0]);
        byte[] garbage = {0x00, 0x01, 0x02, (byte) 0xC0, 0x00};
        byte[] stream = concat(session.bytes, garbage);
        MqttFrameSplitter splitter = MqttFrameSplitter.detecting(ALLOC, 1024, listener);
        Collector out = new Collector();
        splitter.feed(Unpooled.copiedBuffer(stream), out);
        splitter.feed(Unpooled.copiedBuffer(new byte[] {(byte) 0xD0, 0x00}), out);
        assertThat(out.bytes.toByteArray()).isEqualTo(concat(stream, new byte[] {(byte) 0xD0, 0x00}));
        assertThat(out.packets).isEqualTo(session.packets);
        assertThat(events).containsExactly("detected 4", "malformed: reserved packet type 0");
    }

    private static void feedFragmented(MqttFrameSplitter splitter, byte[] bytes, Random random, Collector out) {
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 4000));
            splitter.feed(Unpooled.copiedBuffer(bytes, at, n), out);
            at += n;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A byte stream of MQTT packets with their expected positions. */
    static final class Session {
        final List<String> packets = new ArrayList<>();
        byte[] bytes = new byte[0];

        static Session random(Random random, int level, int count, int maxBody) {
            Session session = new Session();
            session.connect(level);
            int[] firstBytes = {0x30, 0x32, 0x34, 0x3B, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xA2, 0xB0, 0xC0, 0xD0, 0xE0, 0xF0};
            for (int i = 0; i < count; i++) {
                byte[] body = new byte[random.nextInt(random.nextInt(10) == 0 ? maxBody : 20)];
                random.nextBytes(body);
                session.packet(firstBytes[random.nextInt(firstBytes.length)], body);
            }
            return session;
        }

        void connect(int level) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String name = level == 3 ? "MQIsdp" : "MQTT";
            body.write(0);
            body.write(name.length());
            body.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            body.write(level);
            body.write(0x02);
            body.write(0);
            body.write(60);
            if (level == 5) {
                body.write(0);
            }
            body.write(0);
            body.write(2);
            body.writeBytes("id".getBytes(StandardCharsets.US_ASCII));
            packet(0x10, body.toByteArray());
        }

        void packet(int firstByte, byte[] body) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.write(firstByte);
            int remaining = body.length;
            do {
                int digit = remaining % 128;
                remaining /= 128;
                packet.write(remaining > 0 ? digit | 0x80 : digit);
            } while (remaining > 0);
            packet.writeBytes(body);
            byte[] encoded = packet.toByteArray();
            String type = PacketType.of(firstByte >> 4).name();
            packets.add(type + "@" + bytes.length + "+" + encoded.length);
            bytes = concat(bytes, encoded);
        }
    }
}
