package dev.faultlab.proxy.net;

/**
 * Observes the lifecycle of proxied connections (metrics, logs, later the session tracker).
 * Called on the connection's event loop; implementations must not block.
 */
public interface ConnectionListener {
    ConnectionListener NONE = new ConnectionListener() { };

    /** A client connection was accepted and its upstream connected. */
    default void opened(Connection connection) {
    }

    /**
     * The connection ended.
     *
     * @param toxic the name of the toxic that closed it, or null
     */
    default void closed(Connection connection, CloseCause cause, String toxic) {
    }

    /** The upstream of an accepted client connection could not be reached. */
    default void upstreamUnreachable(String proxy, String upstream, Throwable error) {
    }

    /** A proxy in hang mode accepted a client and holds it unanswered. */
    default void hangAccepted(String proxy) {
    }

    /**
     * A client held by hang mode is gone after {@code waitedNanos}.
     *
     * @param cause as in {@code hang_ended} events: {@code client_fin}, {@code client_rst},
     *              {@code hang_off} or {@code proxy_stopped}
     */
    default void hangEnded(String proxy, String cause, long waitedNanos) {
    }
}
