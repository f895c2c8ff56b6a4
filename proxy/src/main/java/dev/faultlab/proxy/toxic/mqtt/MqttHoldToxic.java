package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.List;
import java.util.Set;

/**
 * {@code mqtt_hold}: holds MQTT packets of the types in {@code packets} (e.g. {@code ["PUBACK"]},
 * the "stall acks" fault) until the toxic is removed, then releases them at once, in order. Other
 * packets pass, so they overtake held ones; the end of the stream waits behind them. Works on
 * either stream.
 *
 * <p>Nothing is dropped: held bytes count against the connection's limit of bytes held inside its
 * toxics (16 MiB), past which the proxy stops reading the sender until the toxic is removed.
 */
public record MqttHoldToxic(List<String> packets) implements Toxic {

    public MqttHoldToxic {
        packets = PacketFilter.normalise(packets);
    }

    @Override
    public void validate() {
        PacketFilter.validate(packets);
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
            @Override
            protected Fate fate(MqttFrame packet) {
                return types.contains(packet.type()) ? Fate.QUEUE : Fate.PASS;
            }
        };
    }
}
