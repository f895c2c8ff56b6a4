package dev.faultlab.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How esp-mqtt hands an inbound PUBLISH to the application through its input buffer of
 * {@code buffer_size} bytes: a packet that fits is one DATA event; a longer one fills the buffer
 * first (fixed header, topic, packet id, properties, then as much payload as fits: the first event,
 * with the topic) and is then read a buffer at a time, one DATA event per read, with an empty topic,
 * the payload's total length and each part's offset in it.
 */
final class DataChunks {
    private DataChunks() {
    }

    static List<EspEvent.Data> of(MqttPublishMessage publish, int bufferSize) {
        String topic = publish.variableHeader().topicName();
        int qos = publish.fixedHeader().qosLevel().value();
        boolean dup = publish.fixedHeader().isDup();
        ByteBuf payload = publish.payload();
        int total = payload.readableBytes();
        int remaining = publish.fixedHeader().remainingLength();
        int packetLength = Packets.length(remaining);
        if (packetLength <= bufferSize) {
            return List.of(new EspEvent.Data(topic, ByteBufUtil.getBytes(payload), qos, dup, total, 0));
        }
        int headerLength = packetLength - total;
        List<EspEvent.Data> parts = new ArrayList<>();
        int offset = 0;
        int part = Math.max(0, bufferSize - headerLength);
        while (offset < total || parts.isEmpty()) {
            int length = Math.min(part, total - offset);
            byte[] bytes = ByteBufUtil.getBytes(payload, payload.readerIndex() + offset, length);
            parts.add(new EspEvent.Data(parts.isEmpty() ? topic : "", bytes, qos, dup, total, offset));
            offset += length;
            part = bufferSize;
        }
        return parts;
    }
}
