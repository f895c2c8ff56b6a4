package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.PacketType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The {@code packets} attribute of the per-packet faults: a list of MQTT packet type names. */
final class PacketFilter {
    private PacketFilter() {
    }

    /** The names as given, known ones in upper case (as the API shows them); null is an empty list. */
    static List<String> normalise(List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(names.size());
        for (String name : names) {
            PacketType type = name == null ? null : PacketType.parse(name);
            out.add(type == null ? name : type.name());
        }
        return Collections.unmodifiableList(out);
    }

    /** Checks that {@code names} is a non-empty list of packet type names (a 400 otherwise). */
    static void validate(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("packets must name at least one MQTT packet type, e.g. [\"PINGRESP\"]");
        }
        for (String name : names) {
            if (name == null || PacketType.parse(name) == null) {
                throw new IllegalArgumentException("packets: unknown MQTT packet type " + name + ", expected one of "
                        + EnumSet.allOf(PacketType.class));
            }
        }
    }

    /** The packet types named (the list is valid). */
    static Set<PacketType> types(List<String> names) {
        Set<PacketType> types = EnumSet.noneOf(PacketType.class);
        for (String name : names) {
            types.add(PacketType.parse(name));
        }
        return types;
    }
}
