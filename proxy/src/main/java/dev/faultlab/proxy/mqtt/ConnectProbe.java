package dev.faultlab.proxy.mqtt;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the first bytes a client sent and says whether they begin an MQTT CONNECT: packet type
 * 1 with flags 0, a valid remaining length, and protocol name {@code MQIsdp} (level 3) or
 * {@code MQTT} (level 4 or 5). Needs at most 14 bytes; reads without consuming.
 */
final class ConnectProbe {
    enum Kind { UNDECIDED, MQTT, NOT_MQTT }

    record Verdict(Kind kind, int protocolLevel, String reason) {
    }

    private static final Verdict UNDECIDED = new Verdict(Kind.UNDECIDED, 0, null);

    private ConnectProbe() {
    }

    static Verdict probe(ByteBuf buffer) {
        int index = buffer.readerIndex();
        int end = buffer.writerIndex();
        if (end == index) {
            return UNDECIDED;
        }
        if (buffer.getUnsignedByte(index) != 0x10) {
            return notMqtt("first byte is not a CONNECT");
        }
        int pos = index + 1;
        int remaining = 0;
        int multiplier = 1;
        for (int i = 0; ; i++) {
            if (i == 4) {
                return notMqtt("CONNECT remaining length longer than four bytes");
            }
            if (pos >= end) {
                return UNDECIDED;
            }
            int digit = buffer.getUnsignedByte(pos++);
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        if (remaining < 10) {
            return notMqtt("CONNECT too short");
        }
        if (end - pos < 2) {
            return UNDECIDED;
        }
        int nameLength = buffer.getUnsignedShort(pos);
        if (nameLength != 4 && nameLength != 6) {
            return notMqtt("unknown protocol name length " + nameLength);
        }
        if (end - pos < 2 + nameLength + 1) {
            return UNDECIDED;
        }
        String name = buffer.toString(pos + 2, nameLength, StandardCharsets.US_ASCII);
        int level = buffer.getUnsignedByte(pos + 2 + nameLength);
        if (name.equals("MQIsdp") && level == 3) {
            return new Verdict(Kind.MQTT, 3, null);
        }
        if (name.equals("MQTT") && (level == 4 || level == 5)) {
            return new Verdict(Kind.MQTT, level, null);
        }
        return notMqtt("protocol " + name + " level " + level);
    }

    private static Verdict notMqtt(String reason) {
        return new Verdict(Kind.NOT_MQTT, 0, reason);
    }
}
