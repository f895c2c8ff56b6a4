package dev.faultlab.scenarios.model;

import java.util.Locale;

/** The figures a {@code measure} step computes from the events. */
public enum Figure {
    /** Fault (or cut) → the device's {@code connection_closed}: how long the device took to notice. */
    DETECT(true),
    /** {@code connection_closed} → the same client's next accepted CONNACK (code 0). */
    RECONNECT(true),
    /** Fault (or cut) → the will's arrival at the side client. */
    WILL_LATENCY(true),
    /** {@code publish} events with DUP set during the window. */
    DUP_COUNT(false),
    /** The highest {@code inflight} of {@code publish} and {@code ack} events during the window. */
    INFLIGHT_PEAK(false),
    /** The mean spacing of successive matching events during the window (each one checked). */
    INTERVAL(true),
    /** The number of matching events during the window, e.g. the device's closes under a fault. */
    COUNT(false),
    /** The largest {@code backlog_down} of the device's connections in {@code /connections}: bytes towards it unacknowledged. */
    BACKLOG_PEAK(false),
    /** The device's advertised window ({@code window_down}) at the window's start minus its smallest, in bytes. */
    WINDOW_SHRINK(false),
    /** The smallest {@code window_down} of the device's connections during the window, in bytes. */
    WINDOW_MIN(false);

    private final boolean duration;

    Figure(boolean duration) {
        this.duration = duration;
    }

    /** Whether the figure is a duration (else a count). */
    public boolean duration() {
        return duration;
    }

    /** Whether the figure is over the events of an event filter ({@code event}, {@code where}, …). */
    public boolean overEvents() {
        return this == INTERVAL || this == COUNT;
    }

    /** Whether the figure is over samples of {@code /connections} taken every 100 ms rather than over events. */
    public boolean sampled() {
        return this == BACKLOG_PEAK || this == WINDOW_SHRINK || this == WINDOW_MIN;
    }

    /** Whether the figure is over a window (from its anchor to {@code within} after it) rather than one event. */
    public boolean overWindow() {
        return this == DUP_COUNT || this == INFLIGHT_PEAK || overEvents() || sampled();
    }

    /** The name as written in YAML, e.g. {@code will_latency}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The figure written {@code name}. */
    public static Figure of(String name) {
        for (Figure figure : values()) {
            if (figure.yamlName().equals(name)) {
                return figure;
            }
        }
        throw new ScenarioException("unknown figure '" + name + "' (detect, reconnect, will_latency, dup_count,"
                + " inflight_peak, interval, count, backlog_peak, window_shrink, window_min)");
    }
}
