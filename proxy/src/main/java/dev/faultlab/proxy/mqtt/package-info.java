/**
 * MQTT awareness: packet boundaries ({@link dev.faultlab.proxy.mqtt.MqttFrameSplitter}) found from
 * the fixed headers of the forwarded bytes, never re-encoded; a stream that is not MQTT, or stops
 * being parsable, is forwarded raw.
 */
package dev.faultlab.proxy.mqtt;
