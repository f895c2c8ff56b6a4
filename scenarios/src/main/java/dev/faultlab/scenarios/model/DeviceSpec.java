package dev.faultlab.scenarios.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of devices under one alias: {@code count} of them whose client ids match {@code match}
 * (the real-board pattern; events and fault scopes use it too), emulated as {@code emulated} says
 * unless the run takes real boards.
 *
 * @param waitConnected whether the timeline waits until they are connected (false for devices that
 *                      are refused from the start)
 */
public record DeviceSpec(String alias, String match, int count, boolean waitConnected, Emulated emulated) {

    /**
     * How to emulate the devices.
     *
     * @param clientId      a client id pattern with {@code {n}} for the index, or null for ESP32_ and three
     *                      bytes derived from the seed
     * @param preset        the timings' base ({@code compressed}, {@code esp-default}), or null for the
     *                      run's timing parameters
     * @param timings       overrides of single timers: keepalive, reconnect, network, retransmit,
     *                      outbox_expiry, poll
     * @param protocol      {@code 3.1}, {@code 3.1.1} or {@code 5}
     * @param sessionExpiry MQTT 5 session expiry, or null when not sent
     * @param publish       what every device publishes while connected, or null
     * @param esp           esp-mqtt options beyond the connection's
     */
    public record Emulated(String clientId, String profile, String preset, Map<String, Expression> timings,
                           String protocol, boolean cleanSession, boolean autoReconnect, String username,
                           String password, WillSpec will, Expression sessionExpiry, int receiveMaximum,
                           PublishSpec publish, List<SubscriptionSpec> subscriptions, EspOptions esp) {
        public Emulated {
            timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /**
     * esp-mqtt options as {@code DeviceConfig} has them.
     *
     * @param disableKeepalive   {@code disable_keepalive}: keepalive 0 in the CONNECT, never a PINGREQ
     * @param outboxLimit        {@code outbox_limit} in bytes of stored packets, 0 for unlimited
     * @param bufferSize         {@code buffer_size} in bytes: a longer inbound PUBLISH comes in parts
     * @param disconnectWithWill MQTT 5: {@code stop} sends DISCONNECT with reason 0x04, so the will is published
     * @param receiveBuffer      {@code receive_buffer}: the socket's {@code SO_RCVBUF} in bytes (an lwIP-sized
     *                           window), 0 for the system's default
     */
    public record EspOptions(boolean disableKeepalive, int outboxLimit, int bufferSize, boolean disconnectWithWill,
                             int receiveBuffer) {
    }

    /** The last will; {@code {id}} in the topic becomes the client id; {@code delay} null when not sent. */
    public record WillSpec(String topic, String payload, int qos, boolean retain, Expression delay) {
    }

    /** One message of {@code size} bytes on {@code topic} every {@code interval}. */
    public record PublishSpec(String topic, int qos, Expression interval, int size) {
    }

    /** A subscription made on every CONNECTED. */
    public record SubscriptionSpec(String filter, int qos) {
    }
}
