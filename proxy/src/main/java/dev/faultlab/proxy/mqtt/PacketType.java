package dev.faultlab.proxy.mqtt;

/** The MQTT control packet types, by their code in the fixed header (MQTT 3.1.1 §2.2.1, 5.0 §2.1.2). */
public enum PacketType {
    CONNECT(1),
    CONNACK(2),
    PUBLISH(3),
    PUBACK(4),
    PUBREC(5),
    PUBREL(6),
    PUBCOMP(7),
    SUBSCRIBE(8),
    SUBACK(9),
    UNSUBSCRIBE(10),
    UNSUBACK(11),
    PINGREQ(12),
    PINGRESP(13),
    DISCONNECT(14),
    /** MQTT 5 only. */
    AUTH(15);

    private static final PacketType[] BY_CODE = new PacketType[16];
    private static final PacketType[] BY_FIRST_BYTE = new PacketType[256];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
            for (int flags = 0; flags < 16; flags++) {
                if (type.flagsValid(flags)) {
                    BY_FIRST_BYTE[type.code << 4 | flags] = type;
                }
            }
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a code 0–15; null for 0 (reserved). */
    public static PacketType of(int code) {
        return code < 0 || code > 15 ? null : BY_CODE[code];
    }

    /**
     * The type of a fixed header's first byte when its flags are allowed for that type; null for a
     * reserved type or invalid flags. One table lookup, for the splitter's per-packet path.
     */
    public static PacketType ofFirstByte(int firstByte) {
        return BY_FIRST_BYTE[firstByte & 0xFF];
    }

    /** Whether {@code flags} (the low nibble of the first byte) are allowed for this type. */
    public boolean flagsValid(int flags) {
        return switch (this) {
            case PUBLISH -> ((flags >> 1) & 0x3) != 3;
            case PUBREL, SUBSCRIBE, UNSUBSCRIBE -> flags == 0x2;
            default -> flags == 0;
        };
    }

    /** Parses a name such as {@code PINGRESP} (case-insensitive); null when unknown. */
    public static PacketType parse(String name) {
        for (PacketType type : values()) {
            if (type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
