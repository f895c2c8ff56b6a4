package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.mqtt.codec.Ack;
import dev.faultlab.proxy.mqtt.codec.Connack;
import dev.faultlab.proxy.mqtt.codec.Connect;
import dev.faultlab.proxy.mqtt.codec.Disconnect;
import dev.faultlab.proxy.mqtt.codec.Publish;
import dev.faultlab.proxy.mqtt.codec.Subscribe;
import dev.faultlab.proxy.mqtt.codec.Will;
import dev.faultlab.proxy.toxic.Direction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Follows one connection's MQTT session passively, from the packets the splitter found: who the
 * client is (CONNECT, as it arrives), and, as packets leave the proxy, the CONNACK, the ping round
 * trip, publishes and their acknowledgements in both directions (in-flight counts, ack latency),
 * subscriptions and DISCONNECT. Publishes each observation as a {@link PacketEvent} and tells the
 * connection's {@link SessionMeter} what the per-client metrics count. Runs on the connection's
 * event loop.
 */
public final class SessionTracker {
    private static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    private final long connection;
    private final String proxy;
    private final EventBus events;
    private final Clock clock;
    private final SessionMeter meter;
    private final Flows upstreamFlows = new Flows();
    private final Flows downstreamFlows = new Flows();
    private volatile SessionState state = SessionState.NONE;
    private long pingSentNanos = -1;
    private long pingAwaitedSinceNanos = -1;
    private long upstreamDeliveredNanos = -1;
    private boolean keepAliveTimeoutFromServer;

    public SessionTracker(long connection, String proxy, EventBus events, Clock clock, SessionMeter meter) {
        this.connection = connection;
        this.proxy = proxy;
        this.events = events;
        this.clock = clock;
        this.meter = meter;
    }

    /**
     * How long the client has waited for a PINGRESP at {@code nanoTime}: since the first PINGREQ
     * that arrived from it (delivered or not) after the last PINGRESP it was given; 0 when none waits.
     */
    public long pingUnansweredNanos(long nanoTime) {
        return pingAwaitedSinceNanos < 0 ? 0 : nanoTime - pingAwaitedSinceNanos;
    }

    /**
     * How long the broker has received nothing from the client through the proxy at
     * {@code nanoTime} (since the connection's first delivery upstream), or 0 before any.
     */
    public long upstreamSilentNanos(long nanoTime) {
        return upstreamDeliveredNanos < 0 ? 0 : nanoTime - upstreamDeliveredNanos;
    }

    /** Whether an MQTT 5 server sent DISCONNECT with reason 0x8D, Keep Alive timeout. */
    public boolean keepAliveTimeoutFromServer() {
        return keepAliveTimeoutFromServer;
    }

    /** What is known of the session now; safe to read from any thread. */
    public SessionState state() {
        return state;
    }

    /**
     * Packets as they arrive from their sender (before faults), at {@code nanoTime}: the CONNECT
     * names the client at once; a PINGREQ starts the client's wait for a PINGRESP. Returns whether
     * the session's identity changed.
     */
    public boolean arrived(Direction direction, FrameLayout layout, long nanoTime) {
        if (direction != Direction.UPSTREAM || layout == null) {
            return false;
        }
        boolean changed = false;
        for (MqttFrame frame : layout.frames()) {
            if (frame.type() == PacketType.PINGREQ && pingAwaitedSinceNanos < 0) {
                pingAwaitedSinceNanos = nanoTime;
            }
            if (frame.packet() instanceof Connect c) {
                state = state.connected(c);
                changed = true;
                meter.identified(c.clientId());
                meter.connect(c.versionName());
                publish(connectEvent(c));
            }
        }
        return changed;
    }

    /**
     * Packets as they leave the proxy towards their receiver (after faults). Returns whether the
     * session's identity changed (a CONNACK assigned a client id).
     */
    public boolean delivered(Direction direction, FrameLayout layout, long nanoTime) {
        if (direction == Direction.UPSTREAM) {
            upstreamDeliveredNanos = nanoTime;
        }
        if (layout == null) {
            return false;
        }
        String before = state.clientId();
        for (MqttFrame frame : layout.frames()) {
            observe(direction, frame, nanoTime);
        }
        if (Objects.equals(before, state.clientId())) {
            return false;
        }
        meter.identified(state.clientId());
        return true;
    }

    private void observe(Direction direction, MqttFrame frame, long nanoTime) {
        String clientId = state.clientId();
        switch (frame.type()) {
            case CONNACK -> {
                if (frame.packet() instanceof Connack connack) {
                    state = state.acknowledged(connack);
                    meter.connack(connack.code());
                    publish(new PacketEvent.Connack(now(), connection, proxy, state.clientId(), connack.code(),
                            connack.sessionPresent(), connack.assignedClientId(), connack.serverKeepAlive()));
                }
            }
            case PINGREQ -> {
                if (direction == Direction.UPSTREAM) {
                    pingSentNanos = nanoTime;
                    publish(new PacketEvent.PingRequest(now(), connection, proxy, clientId));
                }
            }
            case PINGRESP -> {
                pingAwaitedSinceNanos = -1;
                Double rtt = pingSentNanos < 0 ? null : (nanoTime - pingSentNanos) / 1e6;
                pingSentNanos = -1;
                if (rtt != null) {
                    state = state.withPingRtt(rtt);
                    meter.pingRtt(rtt / 1e3);
                }
                publish(new PacketEvent.PingResponse(now(), connection, proxy, clientId, rtt));
            }
            case PUBLISH -> {
                if (frame.packet() instanceof Publish p) {
                    Flows flows = flows(direction);
                    boolean opened = flows.published(p, nanoTime);
                    if (opened) {
                        updateInflight();
                    }
                    if (p.qos() > 0 && (p.dup() || !opened)) {
                        meter.duplicate(direction);
                    }
                    publishIfWanted("publish", () -> new PacketEvent.Publish(now(), connection, proxy, clientId, direction.jsonName(), p.topic(),
                            p.qos(), p.dup(), p.retain(), p.packetId(), p.payloadSize(), flows.inflight()));
                }
            }
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> {
                if (frame.packet() instanceof Ack ack) {
                    acknowledged(direction, frame.type(), ack, nanoTime, clientId);
                }
            }
            case SUBSCRIBE, UNSUBSCRIBE -> {
                if (frame.packet() instanceof Subscribe s) {
                    publish(new PacketEvent.Subscribe(now(), connection, proxy, clientId, frame.type().name(),
                            s.packetId(), s.filters()));
                }
            }
            case SUBACK, UNSUBACK -> {
                if (frame.packet() instanceof Ack ack) {
                    publish(new PacketEvent.Suback(now(), connection, proxy, clientId, frame.type().name(),
                            ack.packetId(), ack.reasonCode()));
                }
            }
            case DISCONNECT -> {
                Disconnect d = frame.packet() instanceof Disconnect decoded ? decoded : new Disconnect(0, null);
                state = state.disconnecting();
                if (direction == Direction.DOWNSTREAM && d.reasonCode() == KEEP_ALIVE_TIMEOUT) {
                    keepAliveTimeoutFromServer = true;
                }
                publish(new PacketEvent.Disconnect(now(), connection, proxy, clientId, direction.jsonName(),
                        d.reasonCode(), d.reason()));
            }
            default -> {
            }
        }
    }

    /**
     * PUBACK/PUBREC/PUBCOMP travel against the publish they answer; PUBREL travels with it. The
     * flow completes on PUBACK (QoS 1) or PUBCOMP (QoS 2).
     */
    private void acknowledged(Direction direction, PacketType type, Ack ack, long nanoTime, String clientId) {
        Direction publishDirection = type == PacketType.PUBREL ? direction : opposite(direction);
        Flows flows = flows(publishDirection);
        Double latency = flows.latencyMillis(ack.packetId(), nanoTime);
        if (type == PacketType.PUBACK || type == PacketType.PUBCOMP) {
            if (latency != null) {
                meter.flowCompleted(type == PacketType.PUBACK ? 1 : 2, latency / 1e3);
            }
            flows.completed(ack.packetId());
            updateInflight();
        }
        publishIfWanted("ack", () -> new PacketEvent.Ack(now(), connection, proxy, clientId,
                publishDirection.jsonName(), type.name(), ack.packetId(), ack.reasonCode(), latency, flows.inflight()));
    }

    private void updateInflight() {
        state = state.withInflight(upstreamFlows.inflight(), downstreamFlows.inflight());
    }

    private Flows flows(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamFlows : downstreamFlows;
    }

    private static Direction opposite(Direction direction) {
        return direction == Direction.UPSTREAM ? Direction.DOWNSTREAM : Direction.UPSTREAM;
    }

    private PacketEvent.Connect connectEvent(Connect c) {
        Will will = c.will();
        if (will == null) {
            return new PacketEvent.Connect(now(), connection, proxy, c.clientId(), c.versionName(), c.username(),
                    c.keepAlive(), c.cleanSession(), null, null, null, null, null, null, c.sessionExpiry(),
                    c.receiveMaximum());
        }
        return new PacketEvent.Connect(now(), connection, proxy, c.clientId(), c.versionName(), c.username(),
                c.keepAlive(), c.cleanSession(), will.topic(), will.qos(), will.retain(), will.delaySeconds(),
                will.payload().size(), will.payload().crc32c(), c.sessionExpiry(), c.receiveMaximum());
    }

    private Instant now() {
        return clock.instant();
    }

    private void publish(ProxyEvent event) {
        events.publish(event);
    }

    /** Builds and publishes a per-packet event only when somebody listens to its type. */
    private void publishIfWanted(String type, Supplier<ProxyEvent> event) {
        if (events.wants(type)) {
            events.publish(event.get());
        }
    }

    /** Unacknowledged QoS 1/2 publishes of one direction, by packet id, with their first send time. */
    private static final class Flows {
        private final Map<Integer, Long> sentAt = new HashMap<>();

        /** Returns whether the publish opened a flow (QoS 1/2, not a re-send). */
        boolean published(Publish publish, long nanoTime) {
            return publish.qos() > 0 && sentAt.putIfAbsent(publish.packetId(), nanoTime) == null;
        }

        Double latencyMillis(int packetId, long nanoTime) {
            Long sent = sentAt.get(packetId);
            return sent == null ? null : (nanoTime - sent) / 1e6;
        }

        void completed(int packetId) {
            sentAt.remove(packetId);
        }

        int inflight() {
            return sentAt.size();
        }
    }
}
