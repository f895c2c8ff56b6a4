package dev.faultlab.proxy.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.faultlab.proxy.mqtt.SessionState;
import dev.faultlab.proxy.net.ConnectionSnapshot;
import dev.faultlab.proxy.net.TcpWindows;
import java.util.List;

/**
 * A live connection as the connections API shows it. MQTT fields are null on plain TCP (and
 * before the CONNECT); {@code protocol} is {@code 3.1}, {@code 3.1.1} or {@code 5};
 * {@code keepalive} is in seconds (the server keep alive when an MQTT 5 broker set one);
 * {@code state} is the session tracker's phase ({@code tcp}, {@code connecting},
 * {@code connected}, {@code refused}, {@code disconnecting}); {@code since} is ISO-8601 UTC.
 * {@code bytes_up}/{@code bytes_down} count what the proxy received from the client/the broker,
 * the {@code _delivered} pair what it passed on after toxics. {@code window_up}/{@code window_down}
 * are the receive windows the broker/the client advertise, {@code backlog_up}/{@code backlog_down}
 * the delivered bytes the broker's/the client's TCP has not acknowledged yet; in bytes, null when
 * unknown (NIO transport, Linux before 5.4).
 */
@JsonPropertyOrder({"id", "proxy", "remote", "client_id", "username", "protocol", "keepalive", "state", "since",
        "last_ping_rtt_ms", "inflight_up", "inflight_down", "bytes_up", "bytes_down", "bytes_up_delivered",
        "bytes_down_delivered", "window_up", "window_down", "backlog_up", "backlog_down", "toxics"})
record ConnectionJson(
        long id,
        String proxy,
        String remote,
        @JsonProperty("client_id") String clientId,
        String username,
        String protocol,
        Integer keepalive,
        String state,
        String since,
        @JsonProperty("last_ping_rtt_ms") Double lastPingRttMs,
        @JsonProperty("inflight_up") int inflightUp,
        @JsonProperty("inflight_down") int inflightDown,
        @JsonProperty("bytes_up") long bytesUp,
        @JsonProperty("bytes_down") long bytesDown,
        @JsonProperty("bytes_up_delivered") long bytesUpDelivered,
        @JsonProperty("bytes_down_delivered") long bytesDownDelivered,
        @JsonProperty("window_up") Long windowUp,
        @JsonProperty("window_down") Long windowDown,
        @JsonProperty("backlog_up") Long backlogUp,
        @JsonProperty("backlog_down") Long backlogDown,
        List<String> toxics) {

    static ConnectionJson of(ConnectionSnapshot snapshot) {
        SessionState session = snapshot.session();
        TcpWindows tcp = snapshot.windows();
        boolean mqtt = session.connect() != null;
        return new ConnectionJson(snapshot.id(), snapshot.proxy(), snapshot.remote(), session.clientId(),
                session.username(), mqtt ? session.connect().versionName() : null,
                mqtt ? session.keepAlive() : null, session.phase(), snapshot.since().toString(),
                session.lastPingRttMillis(), session.inflightUp(), session.inflightDown(), snapshot.upReceived(),
                snapshot.downReceived(), snapshot.upSent(), snapshot.downSent(), tcp.windowUp(), tcp.windowDown(),
                tcp.backlogUp(), tcp.backlogDown(), snapshot.toxics());
    }
}
