package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * The client state an MQTT 5 CONNACK may overwrite, for this and every later connection: the
 * keepalive (Server Keep Alive; 0 from the start with {@code disable_keepalive}), the client id
 * (Assigned Client Identifier, how a device with the null client id learns its own) and the
 * server's Receive Maximum (65535 when a CONNACK does not say).
 */
final class ServerOverrides {
    private String clientId;
    private long keepalive;
    private int receiveMaximum = FlowControl.DEFAULT_RECEIVE_MAXIMUM;

    ServerOverrides(DeviceConfig config) {
        this.clientId = config.clientId();
        this.keepalive = config.disableKeepalive() ? 0 : config.timings().keepalive();
    }

    String clientId() {
        return clientId;
    }

    long keepalive() {
        return keepalive;
    }

    int receiveMaximum() {
        return receiveMaximum;
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
        MqttProperties.MqttProperty<?> receive =
                properties.getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value());
        receiveMaximum = receive != null ? (Integer) receive.value() : FlowControl.DEFAULT_RECEIVE_MAXIMUM;
    }
}
