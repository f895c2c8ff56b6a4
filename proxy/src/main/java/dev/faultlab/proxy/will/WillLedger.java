package dev.faultlab.proxy.will;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wills the watcher waits for, by device connection: registered by a CONNECT with a will, kept
 * while the connection lives and after its loss until the will arrives, and dropped after a refusing
 * CONNACK, a clean DISCONNECT (reason 0: the broker discards the will) or when the will is overdue (the will delay
 * plus a grace period after the close). It tells its {@link Listener} when a client becomes
 * registered or not, and when a broker's will topic is first needed or no longer needed. Pure
 * state, no clock of its own: every call gets the time, so tests run it in virtual time. Confined
 * to one thread.
 */
final class WillLedger {
    /** MQTT 5 DISCONNECT reason 0x04: disconnect and publish the will anyway. */
    private static final int DISCONNECT_WITH_WILL = 4;

    /** Hears the transitions the ledger's state goes through. */
    interface Listener {
        void registered(String proxy, String clientId);

        void unregistered(String proxy, String clientId);

        void topicNeeded(String upstream, String topic);

        void topicReleased(String upstream, String topic);
    }

    private record TopicKey(String upstream, String topic) {
    }

    private record ClientKey(String proxy, String clientId) {
    }

    private final Duration grace;
    private final Listener listener;
    private final Map<Long, WatchedWill> byConnection = new LinkedHashMap<>();
    private final Map<TopicKey, List<WatchedWill>> byTopic = new HashMap<>();
    private final Map<ClientKey, Integer> perClient = new HashMap<>();

    WillLedger(Duration grace, Listener listener) {
        this.grace = grace;
        this.listener = listener;
    }

    /** A CONNECT went to {@code upstream}; registers its will, if it has one. */
    void connect(PacketEvent.Connect connect, String upstream) {
        if (connect.willTopic() == null || connect.clientId() == null) {
            return;
        }
        remove(byConnection.get(connect.connection()));
        WatchedWill will = new WatchedWill(connect.proxy(), connect.clientId(), connect.connection(), upstream,
                connect.willTopic(), connect.willQos() == null ? 0 : connect.willQos(),
                Boolean.TRUE.equals(connect.willRetain()),
                new PayloadDigest(connect.willPayloadSize(), connect.willPayloadCrc32c()),
                connect.willDelay() == null ? 0 : connect.willDelay());
        byConnection.put(will.connection, will);
        List<WatchedWill> sharing = byTopic.computeIfAbsent(new TopicKey(upstream, will.topic), k -> new ArrayList<>());
        sharing.add(will);
        if (sharing.size() == 1) {
            listener.topicNeeded(upstream, will.topic);
        }
        if (perClient.merge(new ClientKey(will.proxy, will.clientId), 1, Integer::sum) == 1) {
            listener.registered(will.proxy, will.clientId);
        }
    }

    /** A CONNACK that refused the CONNECT: the broker (or a fault) never took the will. */
    void connack(PacketEvent.Connack connack) {
        if (connack.code() != 0) {
            remove(byConnection.get(connack.connection()));
        }
    }

    /** A DISCONNECT from the device: unless it asks for the will (MQTT 5 reason 4), there will be none. */
    void disconnect(PacketEvent.Disconnect disconnect) {
        if ("upstream".equals(disconnect.direction()) && disconnect.reasonCode() != DISCONNECT_WITH_WILL) {
            remove(byConnection.get(disconnect.connection()));
        }
    }

    void closed(ConnectionEvent.Closed closed) {
        WatchedWill will = byConnection.get(closed.connection());
        if (will != null && !will.isClosed()) {
            will.closed(closed.cause(), closed.time());
        }
    }

    void faultApplied(ConnectionEvent.FaultApplied fault) {
        WatchedWill will = byConnection.get(fault.connection());
        if (will != null && !will.isClosed()) {
            will.faultApplied(fault.toxic(), fault.direction(), fault.time());
        }
    }

    void faultCleared(ConnectionEvent.FaultCleared fault) {
        WatchedWill will = byConnection.get(fault.connection());
        if (will != null && !will.isClosed()) {
            will.faultCleared(fault.toxic(), fault.direction());
        }
    }

    /**
     * A message with {@code payload} arrived on {@code topic} from {@code upstream} at {@code now}:
     * the will of the connection whose loss explains it best (closed before faulted before alive,
     * oldest first) among those whose will has that payload, which is no longer registered; empty
     * when none waits for such a will there (a device's own "online" on its will topic is not its
     * "offline" will). A close the proxy timed after the arrival (the same moment, seen by two
     * threads) counts as latency 0.
     */
    Optional<WillEvent> arrived(String upstream, String topic, PayloadDigest payload, Instant now) {
        List<WatchedWill> waiting = byTopic.get(new TopicKey(upstream, topic));
        if (waiting == null) {
            return Optional.empty();
        }
        Optional<WatchedWill> matching = waiting.stream().filter(w -> w.payload.equals(payload))
                .min(Comparator.comparingInt(WatchedWill::rank));
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        WatchedWill will = matching.get();
        remove(will);
        WatchedWill.Loss loss = will.loss(now);
        Double latency = loss.since() == null ? null
                : Math.max(0, Duration.between(loss.since(), now).toNanos() / 1e6);
        return Optional.of(new WillEvent(now, will.connection, will.proxy, will.clientId, topic, will.qos,
                will.retain, payload.size(), latency, loss.alive(), loss.label()));
    }

    /** Drops the wills overdue at {@code now}. */
    void expire(Instant now) {
        List<WatchedWill> overdue = byConnection.values().stream().filter(w -> w.overdue(now, grace)).toList();
        overdue.forEach(this::remove);
    }

    private void remove(WatchedWill will) {
        if (will == null) {
            return;
        }
        byConnection.remove(will.connection);
        TopicKey topic = new TopicKey(will.upstream, will.topic);
        List<WatchedWill> sharing = byTopic.get(topic);
        sharing.remove(will);
        if (sharing.isEmpty()) {
            byTopic.remove(topic);
            listener.topicReleased(will.upstream, will.topic);
        }
        ClientKey client = new ClientKey(will.proxy, will.clientId);
        if (perClient.merge(client, -1, Integer::sum) == 0) {
            perClient.remove(client);
            listener.unregistered(will.proxy, will.clientId);
        }
    }
}
