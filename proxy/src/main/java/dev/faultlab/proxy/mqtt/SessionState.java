package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.mqtt.codec.Connack;
import dev.faultlab.proxy.mqtt.codec.Connect;

/**
 * A snapshot of what the tracker knows of a session: the CONNECT's fields (never the password),
 * the CONNACK's outcome, the last ping round trip and the in-flight publishes each way.
 *
 * @param phase {@code tcp} (no CONNECT seen), {@code connecting}, {@code connected}, {@code refused},
 *     {@code disconnecting}
 * @param keepAlive seconds in force: the CONNECT's, or the MQTT 5 server keep alive
 */
public record SessionState(String phase, Connect connect, String clientId, int keepAlive, Integer connackCode,
                           Boolean sessionPresent, Double lastPingRttMillis, int inflightUp, int inflightDown) {

    public static final SessionState NONE = new SessionState("tcp", null, null, 0, null, null, null, 0, 0);

    SessionState connected(Connect c) {
        return new SessionState("connecting", c, c.clientId(), c.keepAlive(), null, null, lastPingRttMillis,
                inflightUp, inflightDown);
    }

    SessionState acknowledged(Connack connack) {
        String id = connack.assignedClientId() != null ? connack.assignedClientId() : clientId;
        int keep = connack.serverKeepAlive() != null ? connack.serverKeepAlive() : keepAlive;
        return new SessionState(connack.accepted() ? "connected" : "refused", connect, id, keep, connack.code(),
                connack.sessionPresent(), lastPingRttMillis, inflightUp, inflightDown);
    }

    SessionState withPingRtt(double rttMillis) {
        return new SessionState(phase, connect, clientId, keepAlive, connackCode, sessionPresent, rttMillis,
                inflightUp, inflightDown);
    }

    SessionState withInflight(int up, int down) {
        return new SessionState(phase, connect, clientId, keepAlive, connackCode, sessionPresent, lastPingRttMillis,
                up, down);
    }

    SessionState disconnecting() {
        return new SessionState("disconnecting", connect, clientId, keepAlive, connackCode, sessionPresent,
                lastPingRttMillis, inflightUp, inflightDown);
    }

    /** The username from the CONNECT, or null. */
    public String username() {
        return connect == null ? null : connect.username();
    }
}
