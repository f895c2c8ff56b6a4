package dev.faultlab.proxy.events;

import java.time.Instant;

/**
 * Events of the TCP connection itself: opened (with the client's address), recognised as MQTT or
 * left raw, a fault starting and stopping to act on it, and closed (how: FIN or RST and from which
 * side, or which fault, see {@code CloseCause}); and of the clients a proxy in hang mode holds.
 */
public sealed interface ConnectionEvent extends ProxyEvent {

    /** A client connected and its upstream connection is up. */
    record Opened(Instant time, long connection, String proxy, String clientId, String remote) implements ConnectionEvent {
        @Override
        public String type() {
            return "connection_opened";
        }
    }

    /**
     * A direction is forwarded raw: the client did not open with an MQTT CONNECT, or the stream
     * became malformed ({@code malformed} true), from then on.
     */
    record Raw(Instant time, long connection, String proxy, String clientId, String direction, String reason,
               boolean malformed) implements ConnectionEvent {
        @Override
        public String type() {
            return "raw";
        }
    }

    /**
     * The connection ended.
     *
     * @param cause the close cause label ({@code client_fin}, {@code upstream_rst}, {@code toxic}…)
     * @param toxic the toxic that closed it, or null
     * @param durationMillis how long the connection lived
     */
    record Closed(Instant time, long connection, String proxy, String clientId, String cause, String toxic,
                  long durationMillis) implements ConnectionEvent {
        @Override
        public String type() {
            return "connection_closed";
        }
    }

    /**
     * A toxic began acting on this live connection in one direction: it was added while the
     * connection lived, or the connection opened (or its CONNECT made a client-id scope match) with
     * the toxic in place, once the scope's {@code after} delay had passed and its toxicity roll
     * succeeded. Once per connection, toxic and direction until a {@link FaultCleared}.
     *
     * @param toxic the toxic's name
     * @param toxicType its type ({@code latency}, {@code mqtt_drop}…)
     * @param direction {@code upstream} or {@code downstream}
     */
    record FaultApplied(Instant time, long connection, String proxy, String clientId, String toxic,
                        String toxicType, String direction) implements ConnectionEvent {
        @Override
        public String type() {
            return "fault_applied";
        }
    }

    /**
     * A toxic that was acting on this connection stopped while the connection lives: removed,
     * expired ({@code duration}), or replaced by an update whose toxicity roll or scope no longer
     * takes this connection. Not sent when the connection closes.
     */
    record FaultCleared(Instant time, long connection, String proxy, String clientId, String toxic,
                        String toxicType, String direction) implements ConnectionEvent {
        @Override
        public String type() {
            return "fault_cleared";
        }
    }

    /**
     * A proxy in hang mode accepted a client and leaves it unanswered: no upstream connection, what
     * it sends is read and discarded. The client id is not known yet.
     */
    record HangAccepted(Instant time, long connection, String proxy, String clientId, String remote)
            implements ConnectionEvent {
        @Override
        public String type() {
            return "hang_accepted";
        }
    }

    /**
     * A client held by hang mode is gone.
     *
     * @param clientId from the CONNECT it sent while held, or null
     * @param cause {@code client_fin} or {@code client_rst} (the client gave up waiting for its
     *              CONNACK), {@code hang_off} (hang mode ended) or {@code proxy_stopped}
     * @param waitedMillis how long it was held
     * @param bytes what it sent meanwhile, read and discarded
     */
    record HangEnded(Instant time, long connection, String proxy, String clientId, String remote, String cause,
                     long waitedMillis, long bytes) implements ConnectionEvent {
        @Override
        public String type() {
            return "hang_ended";
        }
    }
}
