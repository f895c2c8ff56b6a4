package dev.faultlab.proxy.mqtt.codec;

import java.util.HashMap;
import java.util.Map;

/**
 * The MQTT 5 properties of a packet that the tracker uses (numbers and strings by property id);
 * the others are skipped by their type (MQTT 5 §2.2.2.2).
 */
public final class Properties {
    public static final int PAYLOAD_FORMAT = 0x01;
    public static final int MESSAGE_EXPIRY = 0x02;
    public static final int SESSION_EXPIRY = 0x11;
    public static final int ASSIGNED_CLIENT_ID = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int REASON_STRING = 0x1F;
    public static final int WILL_DELAY = 0x18;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS = 0x23;

    public static final Properties NONE = new Properties(Map.of(), Map.of());

    private final Map<Integer, Long> numbers;
    private final Map<Integer, String> strings;

    private Properties(Map<Integer, Long> numbers, Map<Integer, String> strings) {
        this.numbers = numbers;
        this.strings = strings;
    }

    /** A number property, or null when absent. */
    public Long number(int id) {
        return numbers.get(id);
    }

    /** A string property, or null when absent. */
    public String string(int id) {
        return strings.get(id);
    }

    /** Reads a property block: its variable-byte length, then the properties. */
    public static Properties read(PacketReader reader) throws MalformedPacketException {
        int length = reader.readVariableInt();
        if (length > reader.remaining()) {
            throw new MalformedPacketException("properties longer than the packet");
        }
        int stop = reader.remaining() - length;
        Map<Integer, Long> numbers = new HashMap<>();
        Map<Integer, String> strings = new HashMap<>();
        while (reader.remaining() > stop) {
            int id = reader.readVariableInt();
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> numbers.put(id, (long) reader.readByte());
                case 0x13, 0x21, 0x22, 0x23 -> numbers.put(id, (long) reader.readShort());
                case 0x02, 0x11, 0x18, 0x27 -> numbers.put(id, reader.readInt());
                case 0x0B -> numbers.put(id, (long) reader.readVariableInt());
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> strings.put(id, reader.readString());
                case 0x09, 0x16 -> reader.skipBinary();
                case 0x26 -> {
                    reader.readString();
                    reader.readString();
                }
                default -> throw new MalformedPacketException("unknown property 0x" + Integer.toHexString(id));
            }
        }
        if (reader.remaining() != stop) {
            throw new MalformedPacketException("properties overrun their length");
        }
        return new Properties(numbers, strings);
    }
}
