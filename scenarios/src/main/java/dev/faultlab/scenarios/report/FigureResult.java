package dev.faultlab.scenarios.report;

import java.util.Locale;

/**
 * A measured figure.
 *
 * @param value milliseconds for a duration, else a count
 * @param check the bounds it was checked against ({@code between 1.500s and 3.000s}), or null
 * @param ok    whether it is within them (true when unchecked)
 */
public record FigureResult(String name, double value, boolean duration, String check, boolean ok) {

    /** {@code 2.041 s} or {@code 7}. */
    public String formatted() {
        if (duration) {
            return String.format(Locale.ROOT, "%.3f s", value / 1000);
        }
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
