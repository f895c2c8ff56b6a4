package dev.faultlab.proxy.mqtt.codec;

/**
 * A DISCONNECT (3.1.1 §3.14, 5.0 §3.14): the MQTT 5 reason code (0 when absent or before MQTT 5;
 * 0x04 asks the broker to publish the will) and reason string.
 */
public record Disconnect(int reasonCode, String reason) implements MqttPacket {

    public static Disconnect parse(PacketReader in, int protocolLevel) throws MalformedPacketException {
        if (protocolLevel < 5 || !in.hasRemaining()) {
            return new Disconnect(0, null);
        }
        int code = in.readByte();
        String reason = in.hasRemaining() ? Properties.read(in).string(Properties.REASON_STRING) : null;
        return new Disconnect(code, reason);
    }
}
