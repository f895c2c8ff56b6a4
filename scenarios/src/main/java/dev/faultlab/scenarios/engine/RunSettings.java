package dev.faultlab.scenarios.engine;

import java.time.Duration;
import java.util.Map;

/**
 * How to run scenarios.
 *
 * @param preset     the timers' preset: {@code compressed} or {@code esp-default}
 * @param overrides  {@code --param name=value}, values as expressions
 * @param real       true: start no emulated device, wait for real boards matching each pattern
 * @param seed       seed of the emulated devices' client ids, packet ids and reconnect phases
 * @param deviceWait how long to wait for the devices to be connected before the timeline
 */
public record RunSettings(String preset, Map<String, String> overrides, boolean real, long seed, Duration deviceWait) {

    public RunSettings {
        overrides = Map.copyOf(overrides);
    }

    /** Compressed timers, emulated devices, seed 0, 30 s for the devices to connect. */
    public static RunSettings compressed() {
        return new RunSettings("compressed", Map.of(), false, 0, Duration.ofSeconds(30));
    }
}
