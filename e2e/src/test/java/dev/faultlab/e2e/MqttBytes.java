package dev.faultlab.e2e;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;

/**
 * Netty's MQTT encoder for one protocol version, turning packets into the bytes a peer sends. The
 * encoder learns the version from a CONNECT, so a server-side encoder is primed with one whose
 * bytes are dropped.
 */
final class MqttBytes implements AutoCloseable {
    private final EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

    MqttBytes(MqttVersion version) {
        encode(connect("primer", version));
    }

    /** The bytes of one packet (the encoder releases the packet's payload). */
    byte[] encode(MqttMessage message) {
        channel.writeOutbound(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            byte[] bytes = new byte[part.readableBytes()];
            part.readBytes(bytes);
            part.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** Encodes {@code message} and appends it to this encoder's {@link #stream()}. */
    MqttBytes add(MqttMessage message) {
        stream.writeBytes(encode(message));
        return this;
    }

    /** Appends raw bytes to the {@link #stream()}. */
    MqttBytes addRaw(byte[] bytes) {
        stream.writeBytes(bytes);
        return this;
    }

    /** Everything {@link #add added} so far. */
    byte[] stream() {
        return stream.toByteArray();
    }

    static MqttConnectMessage connect(String clientId, MqttVersion version) {
        return MqttMessageBuilders.connect().protocolVersion(version).clientId(clientId).keepAlive(30)
                .cleanSession(true).build();
    }

    static MqttMessage connack() {
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build();
    }

    static MqttPublishMessage publish(String topic, MqttQoS qos, int packetId, byte[] payload) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0),
                new MqttPublishVariableHeader(topic, qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId),
                Unpooled.wrappedBuffer(payload));
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
