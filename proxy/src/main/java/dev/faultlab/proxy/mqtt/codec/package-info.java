/**
 * Read-only decoding of the MQTT packet fields the session tracker needs, straight from the
 * forwarded buffers (MQTT 3.1, 3.1.1 and 5). Nothing here encodes or changes a byte.
 */
package dev.faultlab.proxy.mqtt.codec;
