package dev.faultlab.proxy.mqtt.codec;

/**
 * A packet that answers or continues a flow by packet id: PUBACK, PUBREC, PUBREL, PUBCOMP (with
 * the MQTT 5 reason code, 0 when absent), SUBACK and UNSUBACK (first return/reason code).
 */
public record Ack(int packetId, int reasonCode) implements MqttPacket {

    /** PUBACK, PUBREC, PUBREL, PUBCOMP: packet id, then an optional MQTT 5 reason code. */
    public static Ack parsePublishAck(PacketReader in, int protocolLevel) throws MalformedPacketException {
        int packetId = in.readShort();
        int reason = protocolLevel == 5 && in.hasRemaining() ? in.readByte() : 0;
        return new Ack(packetId, reason);
    }

    /** SUBACK, UNSUBACK: packet id, MQTT 5 properties, then one code per topic filter. */
    public static Ack parseSubscribeAck(PacketReader in, int protocolLevel) throws MalformedPacketException {
        int packetId = in.readShort();
        if (protocolLevel == 5) {
            Properties.read(in);
        }
        int code = in.hasRemaining() ? in.readByte() : 0;
        return new Ack(packetId, code);
    }
}
