package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.toxic.Direction;

/**
 * What one MQTT connection adds to the proxy's per-client metrics, told directly by the data path
 * (so no per-packet event needs to be built): packets and bytes as they arrive from their sender
 * (before faults), and from the {@link SessionTracker} the client's identity, CONNECT, CONNACK, ping
 * round trips, completed publish flows and duplicate publishes as packets leave the proxy. One per
 * connection, called on its event loop; implementations cache their series, so counting a packet
 * needs no label lookup.
 */
public interface SessionMeter {
    SessionMeter NONE = new SessionMeter() { };

    /** {@code count} packets of {@code type} arrived from the sender of {@code direction}. */
    default void packets(Direction direction, PacketType type, int count) {
    }

    /** {@code count} bytes arrived from the sender of {@code direction}. */
    default void bytes(Direction direction, int count) {
    }

    /** The client id from now on (the CONNECT's, or the one a CONNACK assigned). */
    default void identified(String clientId) {
    }

    /** A CONNECT of protocol version {@code version} ({@code 3.1}, {@code 3.1.1}, {@code 5}). */
    default void connect(String version) {
    }

    /** A CONNACK with return or reason code {@code code}. */
    default void connack(int code) {
    }

    /** A PINGRESP answered a PINGREQ after {@code seconds}. */
    default void pingRtt(double seconds) {
    }

    /** A QoS {@code qos} publish flow completed (PUBACK, PUBCOMP) {@code seconds} after its PUBLISH. */
    default void flowCompleted(int qos, double seconds) {
    }

    /** A QoS 1/2 PUBLISH re-sent: DUP set, or its packet id still in flight in {@code direction}. */
    default void duplicate(Direction direction) {
    }
}
