package dev.faultlab.proxy.toxic;

import java.util.concurrent.TimeUnit;

/** Checks shared by the toxics' {@code validate()}; their messages reach the API user as a 400. */
public final class Attributes {
    /**
     * The longest time an attribute may ask for, 100 years: beyond any use, and small enough that
     * a clock reading plus twice this many nanoseconds cannot overflow.
     */
    public static final long MAX_MILLIS = TimeUnit.DAYS.toMillis(36_500);

    private Attributes() {
    }

    public static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    public static void requireMillis(String name, long millis) {
        requireNonNegative(name, millis);
        if (millis > MAX_MILLIS) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_MILLIS + " ms (100 years), got " + millis);
        }
    }
}
