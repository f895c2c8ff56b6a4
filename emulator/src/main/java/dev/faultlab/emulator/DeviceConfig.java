package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.List;

/**
 * Everything one emulated device is configured with, as the esp-mqtt client config holds it.
 *
 * @param clientId           empty for the null client id ({@code set_null_client_id}): the CONNECT
 *                           carries an empty one, an MQTT 5 broker assigns one
 * @param password           null for none
 * @param username           null for none
 * @param will               null for no will
 * @param sessionExpiry      MQTT 5 session expiry interval in seconds, -1 when not sent
 * @param receiveMaximum     MQTT 5 receive maximum, 0 when not sent
 * @param subscriptions      made in the CONNECTED handler, after every (re)connect
 * @param disableKeepalive   {@code disable_keepalive}: the CONNECT says keepalive 0 and the device never pings
 * @param outboxLimit        {@code outbox_limit} in bytes of stored packets, 0 for unlimited: a QoS 1/2
 *                           publish that would pass it returns -2
 * @param bufferSize         {@code buffer_size} in bytes: an inbound PUBLISH longer than this reaches the
 *                           application as several DATA events
 * @param disconnectWithWill MQTT 5: the DISCONNECT of {@code stop()} and {@code disconnect()} carries
 *                           reason 0x04 (disconnect with will message) instead of 0x00
 * @param receiveBuffer      the socket's receive buffer ({@code SO_RCVBUF}) in bytes, set before the
 *                           connect, so the device advertises a window of about that size (lwIP's
 *                           {@code TCP_WND}); 0 for the operating system's default
 */
public record DeviceConfig(String host, int port, Profile profile, Timings timings, boolean autoReconnect,
                           boolean cleanSession, MqttVersion protocol, String clientId, String username,
                           String password, Will will, long sessionExpiry, int receiveMaximum,
                           List<Subscription> subscriptions, boolean disableKeepalive, long outboxLimit,
                           int bufferSize, boolean disconnectWithWill, int receiveBuffer) {
    /** The esp-mqtt default of {@code buffer_size}. */
    public static final int DEFAULT_BUFFER_SIZE = 1024;

    public DeviceConfig {
        if (protocol != MqttVersion.MQTT_3_1 && protocol != MqttVersion.MQTT_3_1_1
                && protocol != MqttVersion.MQTT_5) {
            throw new IllegalArgumentException("protocol must be 3.1, 3.1.1 or 5: " + protocol);
        }
        if (clientId == null) {
            throw new IllegalArgumentException("a client id, empty for the null client id");
        }
        if (outboxLimit < 0) {
            throw new IllegalArgumentException("the outbox limit must not be negative: " + outboxLimit);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("the buffer size must be positive: " + bufferSize);
        }
        if (receiveBuffer < 0) {
            throw new IllegalArgumentException("the receive buffer must not be negative: " + receiveBuffer);
        }
        subscriptions = List.copyOf(subscriptions);
    }

    /** This configuration with another client id. */
    public DeviceConfig withClientId(String value) {
        return toBuilder().clientId(value).build();
    }

    /** This configuration with another will (null for none). */
    public DeviceConfig withWill(Will value) {
        return toBuilder().will(value).build();
    }

    private Builder toBuilder() {
        return new Builder(host, port, clientId).profile(profile).timings(timings).autoReconnect(autoReconnect)
                .cleanSession(cleanSession).protocol(protocol).credentials(username, password).will(will)
                .sessionExpiry(sessionExpiry).receiveMaximum(receiveMaximum).subscriptions(subscriptions)
                .disableKeepalive(disableKeepalive).outboxLimit(outboxLimit).bufferSize(bufferSize)
                .disconnectWithWill(disconnectWithWill).receiveBuffer(receiveBuffer);
    }

    /** This configuration with other subscriptions. */
    public DeviceConfig withSubscriptions(List<Subscription> value) {
        return toBuilder().subscriptions(value).build();
    }

    /** A builder with the ESP-IDF defaults and the client id derived from {@code seed}. */
    public static Builder builder(String host, int port, long seed) {
        return new Builder(host, port, ClientIds.fromSeed(seed));
    }

    /** Fills a {@link DeviceConfig}; every field starts at the esp-mqtt default. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Profile profile = Profile.ESP_IDF_5;
        private Timings timings = Timings.ESP_DEFAULTS;
        private boolean autoReconnect = true;
        private boolean cleanSession = true;
        private MqttVersion protocol = MqttVersion.MQTT_3_1_1;
        private String clientId;
        private String username;
        private String password;
        private Will will;
        private long sessionExpiry = -1;
        private int receiveMaximum;
        private List<Subscription> subscriptions = List.of();
        private boolean disableKeepalive;
        private long outboxLimit;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private boolean disconnectWithWill;
        private int receiveBuffer;

        private Builder(String host, int port, String clientId) {
            this.host = host;
            this.port = port;
            this.clientId = clientId;
        }

        public Builder profile(Profile value) {
            profile = value;
            return this;
        }

        public Builder timings(Timings value) {
            timings = value;
            return this;
        }

        public Builder autoReconnect(boolean value) {
            autoReconnect = value;
            return this;
        }

        public Builder cleanSession(boolean value) {
            cleanSession = value;
            return this;
        }

        public Builder protocol(MqttVersion value) {
            protocol = value;
            return this;
        }

        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        /** {@code set_null_client_id}: an empty client id in the CONNECT. */
        public Builder nullClientId() {
            clientId = "";
            return this;
        }

        public Builder credentials(String user, String pass) {
            username = user;
            password = pass;
            return this;
        }

        public Builder will(Will value) {
            will = value;
            return this;
        }

        public Builder sessionExpiry(long seconds) {
            sessionExpiry = seconds;
            return this;
        }

        public Builder receiveMaximum(int value) {
            receiveMaximum = value;
            return this;
        }

        public Builder subscriptions(List<Subscription> value) {
            subscriptions = value;
            return this;
        }

        public Builder disableKeepalive(boolean value) {
            disableKeepalive = value;
            return this;
        }

        /** Bytes of stored packets; 0 for unlimited. */
        public Builder outboxLimit(long bytes) {
            outboxLimit = bytes;
            return this;
        }

        public Builder bufferSize(int bytes) {
            bufferSize = bytes;
            return this;
        }

        public Builder disconnectWithWill(boolean value) {
            disconnectWithWill = value;
            return this;
        }

        /** {@code SO_RCVBUF} in bytes; 0 for the operating system's default. */
        public Builder receiveBuffer(int bytes) {
            receiveBuffer = bytes;
            return this;
        }

        public DeviceConfig build() {
            return new DeviceConfig(host, port, profile, timings, autoReconnect, cleanSession, protocol, clientId,
                    username, password, will, sessionExpiry, receiveMaximum, subscriptions, disableKeepalive,
                    outboxLimit, bufferSize, disconnectWithWill, receiveBuffer);
        }
    }
}
