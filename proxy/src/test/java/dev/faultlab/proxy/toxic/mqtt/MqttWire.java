package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.mqtt.MqttFrameSplitter;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.SessionState;
import dev.faultlab.proxy.mqtt.codec.Connect;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.VirtualHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets encoded by Netty's MQTT codec, cut by the real frame splitter into chunks with their
 * layouts, and sent into a {@link VirtualHost}'s chain, as the proxy does on a connection.
 */
final class MqttWire implements AutoCloseable {
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final MqttFrameSplitter splitter;

    private MqttWire(MqttFrameSplitter splitter) {
        this.splitter = splitter;
    }

    /** The client-to-server direction (MQTT is detected from the CONNECT). */
    static MqttWire upstream() {
        return new MqttWire(MqttFrameSplitter.detecting(ByteBufAllocator.DEFAULT, 1024, new MqttFrameSplitter.Listener() { }));
    }

    /** The server-to-client direction of a session of {@code protocolLevel}. */
    static MqttWire downstream(int protocolLevel) {
        MqttWire wire = new MqttWire(MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, protocolLevel,
                new MqttFrameSplitter.Listener() { }));
        if (protocolLevel == 5) {
            wire.encode(connect(5, "v5"));
        }
        return wire;
    }

    /** A host whose upstream chain runs {@code toxic} at toxicity 1. */
    static VirtualHost upstreamHost(Toxic toxic) {
        VirtualHost host = new VirtualHost(Direction.UPSTREAM);
        host.chain.update(List.of(new ToxicDefinition("t", "t", Direction.UPSTREAM, 1.0, toxic)));
        return host;
    }

    /** A session past its CONNACK, as the tracker would show it. */
    static SessionState connected(int protocolLevel) {
        Connect connect = new Connect(protocolLevel, "ESP32_1a2B3C", null, false, 60, true, null, null, null);
        return new SessionState("connected", connect, "ESP32_1a2B3C", 60, 0, false, null, 0, 0);
    }

    static MqttMessage connect(int level, String clientId) {
        MqttVersion version = level == 5 ? MqttVersion.MQTT_5 : level == 3 ? MqttVersion.MQTT_3_1 : MqttVersion.MQTT_3_1_1;
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).keepAlive(60).build();
    }

    static MqttMessage connack(MqttConnectReturnCode code) {
        return MqttMessageBuilders.connAck().returnCode(code).build();
    }

    static MqttMessage publish(int qos, int packetId, int payloadSize) {
        return MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .payload(Unpooled.wrappedBuffer(new byte[payloadSize])).build();
    }

    static MqttMessage puback(int packetId) {
        return MqttMessageBuilders.pubAck().packetId((short) packetId).build();
    }

    static MqttMessage simple(MqttMessageType type) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    /** The bytes of {@code message}, as Netty encodes it. */
    byte[] encode(MqttMessage message) {
        assertThat(encoder.writeOutbound(message)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf buf;
        while ((buf = encoder.readOutbound()) != null) {
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    /** The bytes of several messages, one after the other. */
    byte[] encode(MqttMessage... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MqttMessage message : messages) {
            out.writeBytes(encode(message));
        }
        return out.toByteArray();
    }

    /** The packets in {@code bytes}, as type names in order, e.g. {@code PUBLISH(dup)}. */
    static List<String> packets(byte[] bytes) {
        List<String> names = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int first = bytes[at] & 0xFF;
            int remaining = 0;
            int multiplier = 1;
            int i = at + 1;
            int digit;
            do {
                digit = bytes[i++] & 0xFF;
                remaining += (digit & 0x7F) * multiplier;
                multiplier *= 128;
            } while ((digit & 0x80) != 0);
            String name = PacketType.of(first >> 4).name();
            names.add((first >> 4) == 3 && (first & 0x08) != 0 ? name + "(dup)" : name);
            at = i + remaining;
        }
        assertThat(at).as("whole packets").isEqualTo(bytes.length);
        return names;
    }

    /** Sends {@code bytes} into the host's chain as one read. */
    void send(VirtualHost host, byte[] bytes) {
        send(host, bytes, bytes.length);
    }

    /** Sends {@code bytes} as reads of {@code readSize} bytes (the last may be shorter). */
    void send(VirtualHost host, byte[] bytes, int readSize) {
        for (int at = 0; at < bytes.length; at += readSize) {
            int size = Math.min(readSize, bytes.length - at);
            ByteBuf read = Unpooled.buffer(size).writeBytes(bytes, at, size);
            inputs.add(read);
            splitter.feed(read, host::send);
        }
    }

    /** Every buffer this wire read was released. */
    void assertAllReleased() {
        for (ByteBuf buf : inputs) {
            assertThat(buf.refCnt()).as("read buffer released").isZero();
        }
    }

    @Override
    public void close() {
        splitter.discard();
        encoder.finishAndReleaseAll();
    }
}
