package dev.faultlab.proxy.toxic;

import java.util.Locale;

/** A direction of a connection, as Toxiproxy names it ("stream"). */
public enum Direction {
    /** Client to server. */
    UPSTREAM,
    /** Server to client. */
    DOWNSTREAM;

    /** The JSON name: {@code upstream} or {@code downstream}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stream name case-insensitively; null when it is neither. */
    public static Direction parse(String stream) {
        if (stream == null) {
            return null;
        }
        return switch (stream.toLowerCase(Locale.ROOT)) {
            case "upstream" -> UPSTREAM;
            case "downstream" -> DOWNSTREAM;
            default -> null;
        };
    }
}
