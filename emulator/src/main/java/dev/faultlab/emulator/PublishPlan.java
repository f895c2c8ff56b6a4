package dev.faultlab.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What every device of a fleet publishes while connected: one message of {@code payloadSize} bytes on
 * {@code topic} (with {@code {id}} replaced by the device's client id) every {@code intervalMillis}.
 */
public record PublishPlan(String topic, int qos, long intervalMillis, int payloadSize) {
    /** The placeholder for the client id in the topic. */
    public static final String ID = "{id}";
    public static final long DEFAULT_INTERVAL_MILLIS = 1_000;
    public static final int DEFAULT_PAYLOAD_SIZE = 32;

    public PublishPlan {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a publish plan needs a topic");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("the publish interval must be positive: " + intervalMillis);
        }
        if (payloadSize < 0) {
            throw new IllegalArgumentException("the payload size must not be negative: " + payloadSize);
        }
    }

    /**
     * Reads {@code TOPIC[@INTERVAL_MS[:SIZE]]}, e.g. {@code sensors/{id}/temp@500:64}; the interval
     * defaults to 1000 ms, the size to 32 bytes.
     */
    public static PublishPlan parse(String spec, int qos) {
        int at = spec.lastIndexOf('@');
        if (at < 0) {
            return new PublishPlan(spec, qos, DEFAULT_INTERVAL_MILLIS, DEFAULT_PAYLOAD_SIZE);
        }
        String timing = spec.substring(at + 1);
        int colon = timing.indexOf(':');
        try {
            long interval = Long.parseLong(colon < 0 ? timing : timing.substring(0, colon));
            int size = colon < 0 ? DEFAULT_PAYLOAD_SIZE : Integer.parseInt(timing.substring(colon + 1));
            return new PublishPlan(spec.substring(0, at), qos, interval, size);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected TOPIC[@INTERVAL_MS[:SIZE]]: " + spec);
        }
    }

    /** The topic of the device {@code clientId}. */
    public String topicFor(String clientId) {
        return topic.replace(ID, clientId);
    }

    /** The payload of message {@code sequence}: its number in ASCII, cut or padded with dots to the size. */
    public byte[] payload(long sequence) {
        byte[] text = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(text, payloadSize);
        Arrays.fill(payload, Math.min(text.length, payloadSize), payloadSize, (byte) '.');
        return payload;
    }
}
