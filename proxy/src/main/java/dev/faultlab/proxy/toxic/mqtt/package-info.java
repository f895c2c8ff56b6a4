/**
 * The MQTT and connection-level faults, as toxics: same JSON shape, routes and lifecycle as the
 * standard ones, one small record per fault, registered in {@link dev.faultlab.proxy.toxic.mqtt.MqttToxics}.
 *
 * <p>The per-packet faults ({@code mqtt_drop}, {@code mqtt_delay}, {@code mqtt_hold},
 * {@code mqtt_connack}, {@code mqtt_disconnect}, {@code mqtt_duplicate}) share {@code PacketStage},
 * which walks the packet layout the frame splitter attached to each chunk and never cuts a packet
 * apart from its continuation; on plain TCP they pass everything. {@code zero_window} and
 * {@code half_open} act on the connection's sockets through the toxic context. Units: milliseconds
 * for delays, bytes for sizes; codes as plain numbers (139 for 0x8B).
 */
package dev.faultlab.proxy.toxic.mqtt;
