package dev.faultlab.emulator;

/**
 * The last will: published by the broker when the device vanishes without DISCONNECT.
 *
 * @param delaySeconds MQTT 5 will delay interval, or -1 when not set
 */
public record Will(String topic, byte[] payload, int qos, boolean retain, long delaySeconds) {

    public Will {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a will needs a topic");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("will QoS must be 0, 1 or 2: " + qos);
        }
        payload = payload.clone();
    }

    public static Will of(String topic, String payload, int qos, boolean retain) {
        return new Will(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos, retain, -1);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
