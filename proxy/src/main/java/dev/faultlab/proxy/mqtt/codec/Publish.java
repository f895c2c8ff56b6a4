package dev.faultlab.proxy.mqtt.codec;

import dev.faultlab.proxy.mqtt.MqttFrame;

/**
 * The head of a PUBLISH (3.1.1 §3.3, 5.0 §3.3): topic (empty when an MQTT 5 topic alias stands
 * for it), QoS, DUP, RETAIN, packet id (0 for QoS 0) and the payload size in bytes.
 */
public record Publish(String topic, int qos, boolean dup, boolean retain, int packetId, int payloadSize)
        implements MqttPacket {

    /** Parses from the variable header; {@code frame} gives the flags and the total length. */
    public static Publish parse(PacketReader in, MqttFrame frame, int protocolLevel) throws MalformedPacketException {
        int before = in.remaining();
        String topic = in.readString();
        int packetId = frame.qos() > 0 ? in.readShort() : 0;
        if (protocolLevel == 5) {
            Properties.read(in);
        }
        int headerBytes = before - in.remaining();
        return new Publish(topic, frame.qos(), frame.dup(), frame.retain(), packetId,
                frame.remainingLength() - headerBytes);
    }
}
