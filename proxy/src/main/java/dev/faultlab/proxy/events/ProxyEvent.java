package dev.faultlab.proxy.events;

import java.time.Instant;

/**
 * Something the proxy saw on a connection, as an immutable value. Every event names its time,
 * connection id, proxy and client id (null until a CONNECT was seen, or on plain TCP).
 * {@link #type()} is the name used by the {@code /events} stream, the journal and filters.
 */
public sealed interface ProxyEvent permits ConnectionEvent, PacketEvent, WillEvent {

    Instant time();

    long connection();

    String proxy();

    String clientId();

    /** The event type name, e.g. {@code connect}, {@code pingresp}, {@code connection_closed}. */
    String type();
}
