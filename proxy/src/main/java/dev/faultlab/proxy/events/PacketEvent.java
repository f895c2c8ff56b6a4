package dev.faultlab.proxy.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * MQTT packets as the peer received them (taken when the packet leaves the proxy, after faults),
 * except CONNECT, taken when it arrives so the client is known at once. {@code direction} is
 * {@code upstream} (client to broker) or {@code downstream}.
 */
public sealed interface PacketEvent extends ProxyEvent {

    /**
     * A CONNECT: protocol version, identity, keepalive, session and will (never the password; of
     * the will's payload only its size, and its CRC-32C for the will watcher, not in the JSON).
     */
    record Connect(Instant time, long connection, String proxy, String clientId, String version, String username,
                   int keepAlive, boolean cleanSession, String willTopic, Integer willQos, Boolean willRetain,
                   Long willDelay, Integer willPayloadSize, @JsonIgnore Integer willPayloadCrc32c,
                   Long sessionExpiry, Integer receiveMaximum) implements PacketEvent {
        @Override
        public String type() {
            return "connect";
        }
    }

    /** A CONNACK: code, session present, MQTT 5 assigned client id and server keep alive. */
    record Connack(Instant time, long connection, String proxy, String clientId, int code, boolean sessionPresent,
                   String assignedClientId, Integer serverKeepAlive) implements PacketEvent {
        @Override
        public String type() {
            return "connack";
        }
    }

    /** A PINGREQ went to the broker. */
    record PingRequest(Instant time, long connection, String proxy, String clientId) implements PacketEvent {
        @Override
        public String type() {
            return "pingreq";
        }
    }

    /** A PINGRESP reached the client; {@code rttMillis} since the PINGREQ it answers (null if none). */
    record PingResponse(Instant time, long connection, String proxy, String clientId, Double rttMillis)
            implements PacketEvent {
        @Override
        public String type() {
            return "pingresp";
        }
    }

    /** A PUBLISH; {@code inflight} counts unacknowledged QoS 1/2 publishes in its direction after it. */
    record Publish(Instant time, long connection, String proxy, String clientId, String direction, String topic,
                   int qos, boolean dup, boolean retain, int packetId, int payloadSize, int inflight)
            implements PacketEvent {
        @Override
        public String type() {
            return "publish";
        }
    }

    /**
     * A PUBACK, PUBREC, PUBREL or PUBCOMP; {@code latencyMillis} from the PUBLISH it acknowledges
     * (null when unmatched); {@code inflight} as in {@link Publish}, for the publish's direction.
     */
    record Ack(Instant time, long connection, String proxy, String clientId, String direction, String packet,
               int packetId, int reasonCode, Double latencyMillis, int inflight) implements PacketEvent {
        @Override
        public String type() {
            return "ack";
        }
    }

    /** A SUBSCRIBE or UNSUBSCRIBE with its topic filters. */
    record Subscribe(Instant time, long connection, String proxy, String clientId, String packet, int packetId,
                     List<String> filters) implements PacketEvent {
        @Override
        public String type() {
            return packet.equals("SUBSCRIBE") ? "subscribe" : "unsubscribe";
        }
    }

    /** A SUBACK or UNSUBACK; {@code code} is the first return/reason code. */
    record Suback(Instant time, long connection, String proxy, String clientId, String packet, int packetId, int code)
            implements PacketEvent {
        @Override
        public String type() {
            return packet.equals("SUBACK") ? "suback" : "unsuback";
        }
    }

    /** A DISCONNECT, from either side (MQTT 5 servers send one too), with its reason. */
    record Disconnect(Instant time, long connection, String proxy, String clientId, String direction,
                      int reasonCode, String reason) implements PacketEvent {
        @Override
        public String type() {
            return "disconnect";
        }
    }
}
