package dev.faultlab.emulator;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;

/** Builds the packets a device sends, as Netty MQTT messages (each a fresh one, owning its buffer). */
final class Packets {
    /** The MQTT 5 DISCONNECT reason code that asks the broker to publish the will. */
    static final byte DISCONNECT_WITH_WILL = 0x04;

    private Packets() {
    }

    static MqttConnectMessage connect(DeviceConfig config, String clientId, long keepaliveMillis) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(config.protocol())
                .clientId(clientId)
                .cleanSession(config.cleanSession())
                .keepAlive((int) (keepaliveMillis / 1000));
        if (config.username() != null) {
            connect.hasUser(true).username(config.username());
        }
        if (config.password() != null) {
            connect.hasPassword(true).password(config.password());
        }
        Will will = config.will();
        if (will != null) {
            connect.willFlag(true).willTopic(will.topic()).willMessage(will.payload())
                    .willQoS(MqttQoS.valueOf(will.qos())).willRetain(will.retain());
        }
        if (config.protocol() == MqttVersion.MQTT_5) {
            connect.properties(connectProperties(config));
            MqttProperties willProperties = new MqttProperties();
            if (will != null && will.delaySeconds() >= 0) {
                willProperties.add(new MqttProperties.IntegerProperty(
                        MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), (int) will.delaySeconds()));
            }
            connect.willProperties(willProperties);
        }
        return connect.build();
    }

    private static MqttProperties connectProperties(DeviceConfig config) {
        MqttProperties properties = new MqttProperties();
        if (config.sessionExpiry() >= 0) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) config.sessionExpiry()));
        }
        if (config.receiveMaximum() > 0) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), config.receiveMaximum()));
        }
        return properties;
    }

    static MqttPublishMessage publish(String topic, byte[] payload, int qos, boolean retain, int msgId, boolean dup) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0);
        return new MqttPublishMessage(header, new MqttPublishVariableHeader(topic, qos == 0 ? 0 : msgId),
                Unpooled.wrappedBuffer(payload));
    }

    /** The packet that (re-)sends {@code item}; DUP only applies to PUBLISH. */
    static MqttMessage of(OutboxItem item, boolean dup) {
        return switch (item.kind) {
            case PUBLISH -> item.pubrecReceived() ? ack(MqttMessageType.PUBREL, item.msgId)
                    : publish(item.topic, item.payload, item.qos, item.retain, item.msgId, dup);
            case SUBSCRIBE -> {
                MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe().messageId(item.msgId);
                item.subscriptions.forEach(s -> subscribe.addSubscription(MqttQoS.valueOf(s.qos()), s.filter()));
                yield subscribe.build();
            }
            case UNSUBSCRIBE -> {
                MqttMessageBuilders.UnsubscribeBuilder unsubscribe =
                        MqttMessageBuilders.unsubscribe().messageId(item.msgId);
                item.unsubscriptions.forEach(unsubscribe::addTopicFilter);
                yield unsubscribe.build();
            }
        };
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP for {@code msgId} (PUBREL with its required QoS 1 flags). */
    static MqttMessage ack(MqttMessageType type, int msgId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                MqttMessageIdVariableHeader.from(msgId));
    }

    /** The whole length of a packet with {@code remaining} bytes after its fixed header. */
    static int length(int remaining) {
        int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    static MqttMessage pingreq() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    /** DISCONNECT; in MQTT 5 with reason 0x04 (disconnect with will message) when so configured, else 0x00. */
    static MqttMessage disconnect(DeviceConfig config) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0);
        if (config.protocol() == MqttVersion.MQTT_5 && config.disconnectWithWill()) {
            return new MqttMessage(header, new MqttReasonCodeAndPropertiesVariableHeader(
                    DISCONNECT_WITH_WILL, MqttProperties.NO_PROPERTIES));
        }
        return new MqttMessage(header);
    }
}
