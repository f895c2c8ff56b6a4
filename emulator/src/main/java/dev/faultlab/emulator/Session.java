package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * The connected main loop of one connection. Each wake-up (an inbound packet, or P elapsed) runs one
 * iteration: expire outbox items, handle the packet, send one queued outbox item or, every T_rt,
 * re-send the oldest transmitted one with DUP=1, then the keepalive check. The next timed wake-up
 * is P later, or sooner when a retransmit slot or a queued item is due. Stalled reads and writes
 * are {@link LinkWatch}'s.
 */
final class Session {
    private final Device device;
    private final Transport.Link link;
    private final Scheduler scheduler;
    private final Timings timings;
    private final Keepalive keepalive;
    private final LinkWatch watch;
    private Scheduler.Timer wake;
    private long lastRetransmit;
    private boolean open = true;

    Session(Device device, Transport.Link link, Scheduler scheduler, Keepalive keepalive) {
        this.device = device;
        this.link = link;
        this.scheduler = scheduler;
        this.timings = device.config().timings();
        this.keepalive = keepalive;
        this.watch = new LinkWatch(device, link, scheduler);
        this.lastRetransmit = scheduler.nowMillis();
    }

    /** Writes a packet on this connection (the legacy keepalive counts it). */
    void write(MqttMessage message) {
        link.send(message);
        keepalive.onWrite(scheduler.nowMillis());
        watch.wrote();
    }

    /** Sends an outbox item for the first time, now, and makes sure a retransmit slot will come. */
    void transmit(OutboxItem item) {
        long now = scheduler.nowMillis();
        send(item, false);
        item.sent(now);
        armWake(now);
    }

    /** Writes an outbox item's packet; a QoS 1/2 PUBLISH counts against the MQTT 5 Receive Maximum. */
    private void send(OutboxItem item, boolean dup) {
        MqttMessage packet = Packets.of(item, dup);
        if (packet.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
            device.flowControl().sent();
        }
        write(packet);
    }

    void start() {
        iterate(null);
    }

    /** Stops the loop; the device closes the link. */
    void stop() {
        open = false;
        watch.stop();
        if (wake != null) {
            wake.cancel();
        }
    }

    void partialData() {
        watch.partialData();
    }

    void received(MqttMessage message) {
        iterate(message);
    }

    private void iterate(MqttMessage inbound) {
        if (!open) {
            return;
        }
        long now = scheduler.nowMillis();
        device.expireOutbox();
        if (inbound != null) {
            handle(inbound, now);
        }
        Outbox outbox = device.outbox();
        OutboxItem queued = outbox.oldestQueued();
        if (queued != null) {
            transmit(queued);
        } else if (now - lastRetransmit >= timings.retransmit()) {
            lastRetransmit = now;
            OutboxItem head = outbox.oldestTransmitted();
            if (head != null && head.ageSinceFirstSend(now) >= timings.retransmit()) {
                send(head, true);
            }
        }
        switch (keepalive.check(now)) {
            case PING -> write(Packets.pingreq());
            case DEAD -> {
                device.log().error("No PING_RESP, disconnected");
                device.abort();
                return;
            }
            case NONE -> { }
        }
        armWake(now);
    }

    private void armWake(long now) {
        if (!open) {
            return;
        }
        long delay = timings.poll();
        Outbox outbox = device.outbox();
        if (outbox.oldestQueued() != null) {
            delay = 0;
        } else if (outbox.oldestTransmitted() != null) {
            delay = Math.min(delay, lastRetransmit + timings.retransmit() - now);
        }
        if (wake != null) {
            wake.cancel();
        }
        wake = scheduler.schedule(delay, () -> iterate(null));
    }

    private void handle(MqttMessage message, long now) {
        MqttMessageType type = message.fixedHeader().messageType();
        switch (type) {
            case PUBLISH -> inboundPublish((MqttPublishMessage) message);
            case PUBACK, PUBCOMP -> {
                device.flowControl().acked();
                acked(msgId(message), OutboxItem.Kind.PUBLISH);
            }
            case PUBREC -> {
                OutboxItem item = device.outbox().find(msgId(message), OutboxItem.Kind.PUBLISH);
                if (item != null) {
                    item.pubrec();
                }
                write(Packets.ack(MqttMessageType.PUBREL, msgId(message)));
            }
            case PUBREL -> write(Packets.ack(MqttMessageType.PUBCOMP, msgId(message)));
            case SUBACK -> acked(msgId(message), OutboxItem.Kind.SUBSCRIBE);
            case UNSUBACK -> acked(msgId(message), OutboxItem.Kind.UNSUBSCRIBE);
            case PINGRESP -> keepalive.onPingresp(now);
            default -> device.log().warn("Unexpected packet " + type);
        }
    }

    private void inboundPublish(MqttPublishMessage publish) {
        int qos = publish.fixedHeader().qosLevel().value();
        int msgId = publish.variableHeader().packetId();
        for (EspEvent.Data data : DataChunks.of(publish, device.config().bufferSize())) {
            device.emit(data);
        }
        if (qos == 1) {
            write(Packets.ack(MqttMessageType.PUBACK, msgId));
        } else if (qos == 2) {
            write(Packets.ack(MqttMessageType.PUBREC, msgId));
        }
    }

    private void acked(int msgId, OutboxItem.Kind kind) {
        if (device.outbox().remove(msgId, kind) == null) {
            return;
        }
        switch (kind) {
            case PUBLISH -> device.emit(new EspEvent.Published(msgId));
            case SUBSCRIBE -> device.emit(new EspEvent.Subscribed(msgId));
            case UNSUBSCRIBE -> device.emit(new EspEvent.Unsubscribed(msgId));
        }
    }

    private static int msgId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }
}
