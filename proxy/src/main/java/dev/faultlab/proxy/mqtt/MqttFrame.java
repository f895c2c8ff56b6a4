package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.mqtt.codec.MqttPacket;

/**
 * Where one MQTT control packet starts inside a chunk, read from its fixed header: type, flags,
 * the fixed header's length and the remaining length, and its decoded head ({@code packet}, null
 * for packets without fields or when it did not decode). The packet may continue past the end of
 * the chunk (a large PUBLISH arrives in pieces); {@link #length()} is the whole packet's length.
 */
public record MqttFrame(PacketType type, int flags, int offset, int headerLength, int remainingLength,
                        MqttPacket packet) {

    public MqttFrame(PacketType type, int flags, int offset, int headerLength, int remainingLength) {
        this(type, flags, offset, headerLength, remainingLength, null);
    }

    /** Fixed header plus remaining length. */
    public int length() {
        return headerLength + remainingLength;
    }

    /** The offset just past the packet's last byte, relative to the same chunk. */
    public int end() {
        return offset + length();
    }

    /** PUBLISH QoS (0–2); 0 for other types. */
    public int qos() {
        return type == PacketType.PUBLISH ? (flags >> 1) & 0x3 : 0;
    }

    /** PUBLISH DUP flag. */
    public boolean dup() {
        return type == PacketType.PUBLISH && (flags & 0x8) != 0;
    }

    /** PUBLISH RETAIN flag. */
    public boolean retain() {
        return type == PacketType.PUBLISH && (flags & 0x1) != 0;
    }

    MqttFrame withPacket(MqttPacket decoded) {
        return new MqttFrame(type, flags, offset, headerLength, remainingLength, decoded);
    }

    MqttFrame shifted(int by) {
        return new MqttFrame(type, flags, offset + by, headerLength, remainingLength, packet);
    }
}
