package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.toxic.Attributes;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.List;
import java.util.Set;

/**
 * {@code mqtt_drop}: drops MQTT packets of the types in {@code packets} (e.g. {@code ["PINGRESP"]}),
 * whole, continuation included; every other packet passes untouched. Works on either stream.
 *
 * <p>{@code count} drops only the next n matching packets of each connection and direction, then
 * lets them pass (default 0: drop all). {@code probability} (0–1, default 1) is rolled per matching
 * packet from the connection's seeded random source; a packet that escapes the roll is not counted.
 */
public record MqttDropToxic(List<String> packets, long count, Double probability) implements Toxic {

    public MqttDropToxic {
        packets = PacketFilter.normalise(packets);
        probability = probability == null ? 1.0 : probability;
    }

    @Override
    public void validate() {
        PacketFilter.validate(packets);
        Attributes.requireNonNegative("count", count);
        if (probability.isNaN() || probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be between 0 and 1, got " + probability);
        }
    }

    /** Works packet by packet, so every packet must be listed in the layouts. */
    @Override
    public boolean inspectsPackets() {
        return true;
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        Set<PacketType> types = PacketFilter.types(packets);
        return new PacketStage(context) {
            private long dropped;

            @Override
            protected Fate fate(MqttFrame packet) {
                if (!types.contains(packet.type()) || (count > 0 && dropped >= count)) {
                    return Fate.PASS;
                }
                if (probability < 1 && context.random().nextDouble() >= probability) {
                    return Fate.PASS;
                }
                dropped++;
                return Fate.DROP;
            }
        };
    }
}
