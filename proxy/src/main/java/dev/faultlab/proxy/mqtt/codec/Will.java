package dev.faultlab.proxy.mqtt.codec;

/**
 * The will message registered in a CONNECT: topic, QoS, retain, the payload's size and checksum
 * (the bytes are not kept), and the MQTT 5 will delay interval in seconds (null when absent or
 * before MQTT 5).
 */
public record Will(String topic, int qos, boolean retain, PayloadDigest payload, Long delaySeconds) {

    public int payloadSize() {
        return payload.size();
    }
}
