package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The client state an MQTT 5 CONNACK may overwrite, for this and every later connection: the
 * keepalive (Server Keep Alive) and the client id (Assigned Client Identifier).
 */
final class ServerOverrides {
    private String clientId;
    private long keepalive;

    ServerOverrides(DeviceConfig config) {
        this.clientId = config.clientId();
        this.keepalive = config.timings().keepalive();
    }

    String clientId() {
        return clientId;
    }

    long keepalive() {
        return keepalive;
    }

    void apply(MqttProperties properties) {
        MqttProperties.MqttProperty<?> serverKeepalive =
                properties.getProperty(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value());
        if (serverKeepalive != null) {
            keepalive = ((Integer) serverKeepalive.value()) * 1000L;
        }
        MqttProperties.MqttProperty<?> assigned =
                properties.getProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value());
        if (assigned != null) {
            clientId = (String) assigned.value();
        }
    }
}
