package dev.faultlab.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One outbox entry: a QoS 1/2 PUBLISH, a SUBSCRIBE or an UNSUBSCRIBE kept until its ack. It holds the
 * packet's content (never a buffer), so every (re-)send encodes a fresh packet.
 */
final class OutboxItem {
    enum Kind { PUBLISH, SUBSCRIBE, UNSUBSCRIBE }

    final Kind kind;
    final int msgId;
    final String topic;
    final byte[] payload;
    final int qos;
    final boolean retain;
    final List<Subscription> subscriptions;
    final List<String> unsubscriptions;
    private long firstSentAt = -1;
    private boolean pubrecReceived;

    private OutboxItem(Kind kind, int msgId, String topic, byte[] payload, int qos, boolean retain,
                       List<Subscription> subscriptions, List<String> unsubscriptions) {
        this.kind = kind;
        this.msgId = msgId;
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.subscriptions = subscriptions;
        this.unsubscriptions = unsubscriptions;
    }

    static OutboxItem publish(int msgId, String topic, byte[] payload, int qos, boolean retain) {
        return new OutboxItem(Kind.PUBLISH, msgId, topic, payload, qos, retain, List.of(), List.of());
    }

    static OutboxItem subscribe(int msgId, List<Subscription> subscriptions) {
        return new OutboxItem(Kind.SUBSCRIBE, msgId, null, null, 1, false, List.copyOf(subscriptions), List.of());
    }

    static OutboxItem unsubscribe(int msgId, List<String> filters) {
        return new OutboxItem(Kind.UNSUBSCRIBE, msgId, null, null, 1, false, List.of(), List.copyOf(filters));
    }

    /**
     * The length of the stored packet in bytes, as esp-mqtt counts the outbox against
     * {@code outbox_limit}: fixed header, packet id, topic or filters, payload, and in MQTT 5 an
     * empty property list.
     */
    int length(boolean mqtt5) {
        int remaining = 2 + (mqtt5 ? 1 : 0);
        switch (kind) {
            case PUBLISH -> remaining += utf8Length(topic) + payload.length - (qos == 0 ? 2 : 0);
            case SUBSCRIBE -> {
                for (Subscription s : subscriptions) {
                    remaining += utf8Length(s.filter()) + 1;
                }
            }
            case UNSUBSCRIBE -> {
                for (String filter : unsubscriptions) {
                    remaining += utf8Length(filter);
                }
            }
        }
        return Packets.length(remaining);
    }

    private static int utf8Length(String text) {
        return 2 + text.getBytes(StandardCharsets.UTF_8).length;
    }

    boolean transmitted() {
        return firstSentAt >= 0;
    }

    /** Records a transmission; only the first one starts the expiry clock. */
    void sent(long now) {
        if (firstSentAt < 0) {
            firstSentAt = now;
        }
    }

    /** Milliseconds since the first transmission (re-sends do not reset it). */
    long ageSinceFirstSend(long now) {
        return now - firstSentAt;
    }

    boolean expired(long now, long expiry) {
        return firstSentAt >= 0 && now - firstSentAt >= expiry;
    }

    boolean pubrecReceived() {
        return pubrecReceived;
    }

    void pubrec() {
        pubrecReceived = true;
    }
}
