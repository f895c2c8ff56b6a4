package dev.faultlab.proxy.mqtt.codec;

/**
 * A CONNACK (3.1.1 §3.2, 5.0 §3.2): session present, the return code (3.1.1) or reason code (5),
 * and the MQTT 5 properties that overwrite the client's state (null when absent).
 *
 * @param serverKeepAlive seconds
 * @param sessionExpiry seconds
 */
public record Connack(boolean sessionPresent, int code, String assignedClientId, Integer serverKeepAlive,
                      Long sessionExpiry, Integer receiveMaximum) implements MqttPacket {

    public static Connack parse(PacketReader in, int protocolLevel) throws MalformedPacketException {
        boolean sessionPresent = (in.readByte() & 0x01) != 0;
        int code = in.readByte();
        if (protocolLevel < 5 || !in.hasRemaining()) {
            return new Connack(sessionPresent, code, null, null, null, null);
        }
        Properties properties = Properties.read(in);
        Long keepAlive = properties.number(Properties.SERVER_KEEP_ALIVE);
        Long receiveMaximum = properties.number(Properties.RECEIVE_MAXIMUM);
        return new Connack(sessionPresent, code, properties.string(Properties.ASSIGNED_CLIENT_ID),
                keepAlive == null ? null : keepAlive.intValue(), properties.number(Properties.SESSION_EXPIRY),
                receiveMaximum == null ? null : receiveMaximum.intValue());
    }

    /** Whether the connection was accepted. */
    public boolean accepted() {
        return code == 0;
    }
}
