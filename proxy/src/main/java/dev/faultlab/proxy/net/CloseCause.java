package dev.faultlab.proxy.net;

import java.util.Locale;

/**
 * Why a proxied connection ended: the one taxonomy that logs, metrics and events share. A toxic
 * that closes a connection is named separately (see {@link ConnectionListener#closed}).
 */
public enum CloseCause {
    /** The client closed its side (FIN), then both sides finished. */
    CLIENT_FIN,
    /** The client's socket was reset or failed. */
    CLIENT_RST,
    /** The upstream server closed its side (FIN), then both sides finished. */
    UPSTREAM_FIN,
    /** The upstream server's socket was reset or failed. */
    UPSTREAM_RST,
    /**
     * The client closed (FIN or RST) while its PINGREQ had waited a quarter of the keepalive or
     * more for a PINGRESP: it gave up on the broker (esp-mqtt's "No PING_RESP, disconnected").
     */
    CLIENT_KEEPALIVE,
    /**
     * The broker closed (FIN or RST) after receiving nothing from the client for 1.35 × keepalive
     * or more (MQTT allows 1.5 ×; the margin covers the broker's own timing), or an MQTT 5 broker
     * said so (DISCONNECT 0x8D, Keep Alive timeout).
     */
    UPSTREAM_KEEPALIVE,
    /** The upstream could not be reached; the client was closed. */
    UPSTREAM_UNREACHABLE,
    /** A toxic closed the connection (timeout, limit_data, reset_peer, …). */
    TOXIC,
    /** The proxy was disabled, deleted, or its listen/upstream changed. */
    PROXY_STOPPED,
    /** Cut through the API. */
    API_CUT,
    /** The server shut down. */
    SHUTDOWN;

    /** The label value: lower case with underscores, e.g. {@code client_fin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
