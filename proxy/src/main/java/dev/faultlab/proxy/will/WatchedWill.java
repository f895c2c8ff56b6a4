package dev.faultlab.proxy.will;

import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One device connection whose CONNECT registered a will, as the will watcher follows it: the will
 * (topic, QoS, retain, payload digest, MQTT 5 delay in seconds), the broker it went to, the faults acting on the
 * connection (by toxic and direction, oldest first) and, once it ended, when and why. Confined to
 * the watcher's thread.
 */
final class WatchedWill {
    private static final Duration SIMULTANEOUS = Duration.ofMillis(500);

    final String proxy;
    final String clientId;
    final long connection;
    final String upstream;
    final String topic;
    final int qos;
    final boolean retain;
    final PayloadDigest payload;
    final long delaySeconds;
    private final Map<String, Fault> faults = new LinkedHashMap<>();
    private Instant closedAt;
    private String cause;
    private Fault faultAtClose;

    /** A fault acting on the connection: since when, and which toxic. */
    private record Fault(Instant since, String toxic) {
    }

    WatchedWill(String proxy, String clientId, long connection, String upstream, String topic, int qos,
                boolean retain, PayloadDigest payload, long delaySeconds) {
        this.proxy = proxy;
        this.clientId = clientId;
        this.connection = connection;
        this.upstream = upstream;
        this.topic = topic;
        this.qos = qos;
        this.retain = retain;
        this.payload = payload;
        this.delaySeconds = delaySeconds;
    }

    void faultApplied(String toxic, String direction, Instant time) {
        faults.putIfAbsent(toxic + "/" + direction, new Fault(time, toxic));
    }

    void faultCleared(String toxic, String direction) {
        faults.remove(toxic + "/" + direction);
    }

    void closed(String closeCause, Instant time) {
        closedAt = time;
        cause = closeCause;
        faultAtClose = faults.values().stream().findFirst().orElse(null);
    }

    boolean isClosed() {
        return closedAt != null;
    }

    /** Whether the will is overdue at {@code now}: closed longer ago than its delay and {@code grace}. */
    boolean overdue(Instant now, Duration grace) {
        return closedAt != null && now.isAfter(closedAt.plusSeconds(delaySeconds).plus(grace));
    }

    /** How strongly this connection's loss explains a will: closed first, then faulted, then alive. */
    int rank() {
        return closedAt != null ? 0 : faults.isEmpty() ? 2 : 1;
    }

    /**
     * The loss the proxy observed, as of a will arriving at {@code arrival}. A connection a peer
     * closed while a fault acted on it lost its link when the fault began (the peers only noticed
     * later); one the proxy closed (cut, toxic, stop) lost it then; an open one lost it when its
     * oldest acting fault began.
     */
    Loss loss(Instant arrival) {
        Fault fault = closedAt == null ? faults.values().stream().findFirst().orElse(null) : faultAtClose;
        boolean peerClosed = cause != null && (cause.startsWith("client_") || cause.startsWith("upstream_"));
        if (closedAt == null || (fault != null && peerClosed)) {
            boolean alive = closedAt == null || !arrival.isAfter(closedAt.plus(SIMULTANEOUS));
            return fault == null ? new Loss(null, null, alive)
                    : new Loss(fault.since(), "fault_applied:" + fault.toxic(), alive);
        }
        return new Loss(closedAt, cause, false);
    }

    /**
     * What the proxy saw of a connection's loss.
     *
     * @param since when the loss began, or null when none was seen
     * @param label the close cause or {@code fault_applied:<toxic>}, or null
     * @param alive whether the connection still looked alive when the broker gave up on it
     */
    record Loss(Instant since, String label, boolean alive) {
    }
}
