package dev.faultlab.proxy.mqtt.codec;

/**
 * A CONNECT as the tracker keeps it (MQTT 3.1/3.1.1 §3.1, 5.0 §3.1). The password is never kept,
 * only whether one was sent. MQTT 5 properties are null when absent.
 *
 * @param protocolLevel 3 (MQTT 3.1), 4 (3.1.1) or 5
 * @param keepAlive seconds
 * @param sessionExpiry MQTT 5 session expiry interval, seconds
 */
public record Connect(int protocolLevel, String clientId, String username, boolean password, int keepAlive,
                      boolean cleanSession, Will will, Long sessionExpiry, Integer receiveMaximum) implements MqttPacket {

    /** Parses the variable header and payload ({@code remainingLength} bytes from the reader). */
    public static Connect parse(PacketReader in) throws MalformedPacketException {
        String name = in.readString();
        int level = in.readByte();
        if (!(name.equals("MQTT") && (level == 4 || level == 5)) && !(name.equals("MQIsdp") && level == 3)) {
            throw new MalformedPacketException("protocol " + name + " level " + level);
        }
        int flags = in.readByte();
        int keepAlive = in.readShort();
        Properties properties = level == 5 ? Properties.read(in) : Properties.NONE;
        String clientId = in.readString();
        Will will = null;
        if ((flags & 0x04) != 0) {
            Properties willProperties = level == 5 ? Properties.read(in) : Properties.NONE;
            String topic = in.readString();
            PayloadDigest payload = in.digestBinary();
            will = new Will(topic, (flags >> 3) & 0x3, (flags & 0x20) != 0, payload,
                    willProperties.number(Properties.WILL_DELAY));
        }
        String username = (flags & 0x80) != 0 ? in.readString() : null;
        boolean password = (flags & 0x40) != 0;
        Long receiveMaximum = properties.number(Properties.RECEIVE_MAXIMUM);
        return new Connect(level, clientId, username, password, keepAlive, (flags & 0x02) != 0, will,
                properties.number(Properties.SESSION_EXPIRY),
                receiveMaximum == null ? null : receiveMaximum.intValue());
    }

    public String versionName() {
        return switch (protocolLevel) {
            case 3 -> "3.1";
            case 4 -> "3.1.1";
            default -> "5";
        };
    }
}
