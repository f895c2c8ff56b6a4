package dev.faultlab.emulator;

/** A topic filter and the QoS asked for; a device subscribes to its list on every CONNECTED. */
public record Subscription(String filter, int qos) {
    public Subscription {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("subscription QoS must be 0, 1 or 2: " + qos);
        }
    }
}
