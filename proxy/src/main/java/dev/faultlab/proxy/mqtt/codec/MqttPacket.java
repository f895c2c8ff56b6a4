package dev.faultlab.proxy.mqtt.codec;

/** The decoded head of a packet, as far as the tracker needs it. */
public sealed interface MqttPacket permits Connect, Connack, Publish, Ack, Subscribe, Disconnect {
}
