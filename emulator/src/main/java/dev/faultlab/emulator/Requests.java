package dev.faultlab.emulator;

import java.util.List;

/**
 * The application calls of esp-mqtt (publish, subscribe, unsubscribe) against the outbox and the
 * current connection, with the client's return values: a message id, 0 for QoS 0, -1 on refusal.
 */
final class Requests {
    private Requests() {
    }

    /** QoS 0 goes out now or is dropped; QoS 1/2 is kept, and sent now when connected. */
    static int publish(Device device, Session session, String topic, byte[] payload, int qos, boolean retain) {
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

    private static int send(Device device, Session session, OutboxItem item) {
        device.enqueue(item);
        session.transmit(item);
        return item.msgId;
    }
}
