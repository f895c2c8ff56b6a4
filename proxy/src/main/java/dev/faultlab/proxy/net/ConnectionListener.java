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
}
