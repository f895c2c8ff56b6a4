package dev.faultlab.proxy.mqtt.codec;

/**
 * The will message registered in a CONNECT: topic, QoS, retain, payload size in bytes, and the
 * MQTT 5 will delay interval in seconds (null when absent or before MQTT 5).
 */
public record Will(String topic, int qos, boolean retain, int payloadSize, Long delaySeconds) {
}
