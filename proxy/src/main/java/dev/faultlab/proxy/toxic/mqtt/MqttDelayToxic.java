package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.toxic.Attributes;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code mqtt_delay}: delays MQTT packets of the types in {@code packets} (e.g.
 * {@code ["PUBACK","PUBCOMP"]}) by {@code delay} milliseconds plus a uniform random offset in
 * [-{@code jitter}, +{@code jitter}] ms (clamped at 0), counted from the packet's arrival at this
 * toxic. Works on either stream.
 *
 * <p>Matching packets keep their order among themselves (one never leaves before the one ahead of
 * it). Other packets pass at once and so may overtake delayed ones; a packet is never cut into by
 * another. The end of the stream waits for the delayed packets. Removal sends what is delayed at
 * once, in order.
 */
public record MqttDelayToxic(List<String> packets, long delay, long jitter) implements Toxic {

    public MqttDelayToxic {
        packets = PacketFilter.normalise(packets);
    }

    @Override
    public void validate() {
        PacketFilter.validate(packets);
        Attributes.requireMillis("delay", delay);
        Attributes.requireMillis("jitter", jitter);
    }

    /** Works packet by packet, so every packet must be listed in the layouts. */
    @Override
    public boolean inspectsPackets() {
        return true;
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        Set<PacketType> types = PacketFilter.types(packets);
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(delay);
        long jitterNanos = TimeUnit.MILLISECONDS.toNanos(jitter);
        return new PacketStage(context) {
            @Override
            protected Fate fate(MqttFrame packet) {
                return types.contains(packet.type()) ? Fate.QUEUE : Fate.PASS;
            }

            @Override
            protected long due(MqttFrame packet, long enteredAt) {
                long wait = delayNanos;
                if (jitterNanos > 0) {
                    wait += context.random().nextLong(-jitterNanos, jitterNanos + 1);
                }
                return enteredAt + Math.max(0, wait);
            }
        };
    }
}
