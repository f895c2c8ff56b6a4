package dev.faultlab.proxy.will;

import java.time.Instant;

/**
 * A message the watcher received from a broker: its topic, QoS, retain flag (set on a broker's
 * stored retained copy, never on a live will), payload size in bytes, and when it arrived.
 */
record Arrival(String topic, int qos, boolean retain, int payloadSize, Instant at) {
}
