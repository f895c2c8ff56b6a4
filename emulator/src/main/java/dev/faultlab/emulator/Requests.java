package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.List;

/**
 * The application calls of esp-mqtt (publish, subscribe, unsubscribe) against the outbox and the
 * current connection, with the client's return values: a message id, 0 for QoS 0, -1 on refusal,
 * -2 when the outbox is over {@code outbox_limit}.
 */
final class Requests {
    /** What esp-mqtt returns when the outbox limit refuses a request. */
    static final int OUTBOX_FULL = -2;

    private Requests() {
    }

    /**
     * MQTT 5 flow control first (-1), then the outbox limit for QoS 1/2 (-2); QoS 0 goes out now or
     * is dropped; QoS 1/2 is kept, and sent now when connected.
     */
    static int publish(Device device, Session session, String topic, byte[] payload, int qos, boolean retain) {
        DeviceConfig config = device.config();
        if (config.protocol() == MqttVersion.MQTT_5 && device.flowControl().exceeded()) {
            device.log().error("Client send more than " + device.flowControl().receiveMaximum()
                    + " QoS1 and QoS2 PUBLISH packet without no ack");
            device.log().info("MQTT5 publish check fail");
            return -1;
        }
        if (qos > 0 && overLimit(device, payload.length)) {
            return OUTBOX_FULL;
        }
        if (qos == 0) {
            if (session == null) {
                return -1;
            }
            session.write(Packets.publish(topic, payload, 0, retain, 0, false));
            return 0;
        }
        OutboxItem item = OutboxItem.publish(device.nextMsgId(), topic, payload, qos, retain);
        device.enqueue(item);
        if (session != null) {
            session.transmit(item);
        }
        return item.msgId;
    }

    static int subscribe(Device device, Session session, Subscription subscription) {
        if (overLimit(device, 0)) {
            return OUTBOX_FULL;
        }
        if (session == null) {
            device.log().error("Client has to be in connected state to subscribe");
            return -1;
        }
        return send(device, session, OutboxItem.subscribe(device.nextMsgId(), List.of(subscription)));
    }

    static int unsubscribe(Device device, Session session, String filter) {
        if (session == null) {
            device.log().error("Client has to be in connected state to unsubscribe");
            return -1;
        }
        return send(device, session, OutboxItem.unsubscribe(device.nextMsgId(), List.of(filter)));
    }

    /** True when {@code adding} bytes would take the outbox past its limit (never without one). */
    private static boolean overLimit(Device device, int adding) {
        long limit = device.config().outboxLimit();
        boolean mqtt5 = device.config().protocol() == MqttVersion.MQTT_5;
        return limit > 0 && adding + device.outbox().storedBytes(mqtt5) > limit;
    }

    private static int send(Device device, Session session, OutboxItem item) {
        device.enqueue(item);
        session.transmit(item);
        return item.msgId;
    }
}
