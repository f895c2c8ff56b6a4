package dev.faultlab.scenarios.model;

import dev.faultlab.emulator.Timings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timing parameters every scenario has, filled from a preset: {@code compressed} (K=2 s, R=1 s,
 * N=2 s, T_rt=0.5 s, T_exp=5 s, the CI's) or {@code esp-default} (the ESP-IDF defaults, K=120 s,
 * R=10 s, N=10 s, T_rt=1 s, T_exp=30 s). A scenario's own parameters and {@code --param} go over them.
 */
public final class Presets {
    /** Keepalive K. */
    public static final String KEEPALIVE = "keepalive";
    /** Reconnect delay R. */
    public static final String RECONNECT = "reconnect";
    /** Network timeout N. */
    public static final String NETWORK = "network";
    /** Retransmit interval T_rt. */
    public static final String RETRANSMIT = "retransmit";
    /** Outbox expiry T_exp. */
    public static final String OUTBOX_EXPIRY = "outbox_expiry";
    /** Main-loop poll P. */
    public static final String POLL = "poll";

    private Presets() {
    }

    /** The preset's timers, by parameter name. */
    public static Map<String, Quantity> params(String preset) {
        Timings t = timings(preset);
        Map<String, Quantity> params = new LinkedHashMap<>();
        params.put(KEEPALIVE, Quantity.millis(t.keepalive()));
        params.put(RECONNECT, Quantity.millis(t.reconnect()));
        params.put(NETWORK, Quantity.millis(t.network()));
        params.put(RETRANSMIT, Quantity.millis(t.retransmit()));
        params.put(OUTBOX_EXPIRY, Quantity.millis(t.outboxExpiry()));
        params.put(POLL, Quantity.millis(t.poll()));
        return params;
    }

    /** The emulator's timings of a preset ({@code compressed}, {@code esp-default} or {@code default}). */
    public static Timings timings(String preset) {
        return switch (preset) {
            case "compressed" -> Timings.COMPRESSED;
            case "esp-default", "default" -> Timings.ESP_DEFAULTS;
            default -> throw new ScenarioException("unknown preset '" + preset + "' (compressed or esp-default)");
        };
    }

    /** Timings from the parameters {@code keepalive} … {@code poll}. */
    public static Timings timings(Map<String, Quantity> params) {
        return new Timings(params.get(KEEPALIVE).toMillis(), params.get(RECONNECT).toMillis(),
                params.get(NETWORK).toMillis(), params.get(RETRANSMIT).toMillis(),
                params.get(OUTBOX_EXPIRY).toMillis(), params.get(POLL).toMillis());
    }
}
