package dev.faultlab.scenarios.model;

import java.util.Locale;

/**
 * A value of a scenario expression: a plain number, or a duration in milliseconds.
 *
 * @param amount   the number, or the duration in milliseconds
 * @param duration whether it is a duration
 */
public record Quantity(double amount, boolean duration) {

    public static Quantity number(double value) {
        return new Quantity(value, false);
    }

    public static Quantity millis(double value) {
        return new Quantity(value, true);
    }

    /** The duration in whole milliseconds (rounded); fails on a plain number. */
    public long toMillis() {
        if (!duration) {
            throw new IllegalArgumentException("expected a duration, got the number " + this);
        }
        return Math.round(amount);
    }

    /** Durations as seconds with millisecond precision ({@code 3.000s}), numbers as they are. */
    @Override
    public String toString() {
        if (duration) {
            return String.format(Locale.ROOT, "%.3fs", amount / 1000);
        }
        if (amount == Math.rint(amount) && Math.abs(amount) < 1e15) {
            return Long.toString((long) amount);
        }
        return String.format(Locale.ROOT, "%.3f", amount);
    }
}
