package dev.faultlab.emulator;

/**
 * The esp-mqtt timers, all in milliseconds: keepalive K, reconnect delay R, network timeout N,
 * retransmit T_rt, outbox expiry T_exp and main-loop poll P.
 */
public record Timings(long keepalive, long reconnect, long network, long retransmit, long outboxExpiry,
                      long poll) {

    /** The ESP-IDF defaults: K=120 s, R=10 s, N=10 s, T_rt=1 s, T_exp=30 s, P=1 s. */
    public static final Timings ESP_DEFAULTS = new Timings(120_000, 10_000, 10_000, 1_000, 30_000, 1_000);

    /** For tests and CI: K=2 s, R=1 s, N=2 s, T_rt=0.5 s, T_exp=5 s, P=1 s. */
    public static final Timings COMPRESSED = new Timings(2_000, 1_000, 2_000, 500, 5_000, 1_000);

    public Timings {
        if (keepalive < 0 || reconnect <= 0 || network <= 0 || retransmit <= 0 || outboxExpiry <= 0
                || poll <= 0) {
            throw new IllegalArgumentException("timings must be positive (keepalive 0 disables it)");
        }
        if (keepalive % 1000 != 0) {
            throw new IllegalArgumentException("keepalive goes on the wire in whole seconds: " + keepalive);
        }
    }

    /** The preset named {@code name}: {@code default} or {@code compressed}. */
    public static Timings preset(String name) {
        return switch (name) {
            case "default" -> ESP_DEFAULTS;
            case "compressed" -> COMPRESSED;
            default -> throw new IllegalArgumentException("unknown preset " + name + " (default or compressed)");
        };
    }

    public Timings withKeepalive(long millis) {
        return new Timings(millis, reconnect, network, retransmit, outboxExpiry, poll);
    }

    public Timings withReconnect(long millis) {
        return new Timings(keepalive, millis, network, retransmit, outboxExpiry, poll);
    }
}
