package dev.faultlab.proxy.toxic;

import java.util.Locale;

/**
 * What a toxic did to a connection, as the chain sees it through the {@link ToxicContext}: the
 * {@code action} label of {@code faultlab_fault_actions_total}. Data actions count packets where
 * the chunk carries an MQTT layout (each packet start; a later piece of a large packet counts 0)
 * and chunks elsewhere.
 */
public enum ToxicAction {
    /** Data dropped (including a FIN: the end of the stream). */
    DROPPED,
    /** Data passed on by a toxic's timer, later than it arrived (latency, bandwidth, slicer, mqtt_delay). */
    DELAYED,
    /** Data a toxic kept until it was removed (mqtt_hold, bandwidth 0, what a latency still queued). */
    HELD,
    /** Packets a toxic made and sent on (mqtt_duplicate's copies, mqtt_disconnect's DISCONNECT). */
    INJECTED,
    /** Answers written back to the source (mqtt_connack's refusing CONNACK). */
    REFUSED,
    /** Connections closed with FIN. */
    CLOSED,
    /** Connections reset with RST. */
    RESET,
    /** Times the toxic stopped reading the source (zero_window). */
    PAUSED,
    /** Times the toxic made the link silent (half_open). */
    BLACKHOLED;

    /** The label value, e.g. {@code dropped}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
