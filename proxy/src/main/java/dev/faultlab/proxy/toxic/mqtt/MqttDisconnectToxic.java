package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.codec.Connack;
import dev.faultlab.proxy.mqtt.codec.Connect;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.Set;

/**
 * {@code mqtt_disconnect}: the broker drops the client. An MQTT 5 client gets a server DISCONNECT
 * with reason code {@code reason} (default 0x8B, server shutting down), then the connection closes
 * (FIN both ways); an MQTT 3.1/3.1.1 client, which has no server DISCONNECT, sees the close alone.
 * Downstream stream only (it plays the broker); adding it upstream is a 400.
 *
 * <p>A connection whose CONNACK already accepted the client is dropped as soon as the toxic applies
 * to it; any other right after the broker's accepting CONNACK has passed, so while the toxic stays,
 * every session ends as it starts. The DISCONNECT goes between packets: if a packet the toxic saw
 * begin is still arriving, after it, and whatever follows is discarded. Toxics placed after this
 * one that still hold data when the connection closes lose it.
 */
public record MqttDisconnectToxic(Integer reason) implements Toxic {
    /** MQTT 5 DISCONNECT reason codes a server may send (MQTT 5 §3.14.2.1). */
    static final Set<Integer> SERVER_REASONS = Set.of(0x00, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E,
            0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2);

    public MqttDisconnectToxic {
        reason = reason == null ? 0x8B : reason;
    }

    @Override
    public void validate() {
        if (!SERVER_REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be an MQTT 5 DISCONNECT reason code a server may send"
                    + " (e.g. 139 = 0x8B server shutting down), got " + reason);
        }
    }

    @Override
    public void checkStream(Direction stream) {
        if (stream != Direction.DOWNSTREAM) {
            throw new IllegalArgumentException("mqtt_disconnect plays the broker: add it to the downstream stream");
        }
    }

    /** Works packet by packet, so every packet must be listed in the layouts. */
    @Override
    public boolean inspectsPackets() {
        return true;
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        Stage stage = new Stage(context);
        if ("connected".equals(context.session().phase())) {
            context.schedule(0, stage::disconnectLive);
        }
        return stage;
    }

    private final class Stage extends PacketStage {
        private boolean done;
        private boolean pending;

        Stage(ToxicContext context) {
            super(context);
        }

        @Override
        protected Fate fate(MqttFrame packet) {
            if (done || pending) {
                return Fate.TAKE;
            }
            boolean accepted = packet.type() == PacketType.CONNACK
                    && packet.packet() instanceof Connack connack && connack.accepted();
            return accepted ? Fate.TAKE : Fate.PASS;
        }

        @Override
        protected void take(Chunk piece, MqttFrame packet, boolean first, boolean last) {
            if (done || pending) {
                context.drop(piece);
                disconnect();
                return;
            }
            context.forward(piece);
            if (last) {
                disconnect();
            }
        }

        @Override
        protected void afterChunk() {
            if (pending && atBoundary()) {
                disconnect();
            }
        }

        /** Now if the stream is between packets, else once the packet under way has passed. */
        void disconnectLive() {
            if (atBoundary()) {
                disconnect();
            } else {
                pending = true;
            }
        }

        private void disconnect() {
            if (done) {
                return;
            }
            done = true;
            Connect connect = context.session().connect();
            if (connect != null && connect.protocolLevel() >= 5) {
                context.inject(Chunk.of(ServerPackets.disconnect(reason), ServerPackets.disconnectLayout(reason),
                        context.nanoTime()));
            }
            context.close();
        }
    }
}
