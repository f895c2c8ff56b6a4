package dev.faultlab.proxy.will;

import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.time.Instant;

/**
 * A message the watcher received from a broker: its topic, QoS, retain flag (set on a broker's
 * stored retained copy, never on a live will), payload size and checksum, and when it arrived.
 */
record Arrival(String topic, int qos, boolean retain, PayloadDigest payload, Instant at) {
}
