package dev.faultlab.scenarios.engine;

import java.nio.file.Path;
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
 * @param captures   the folder capture steps write their pcap files into, or null for a temporary
 *                   folder made on the first capture
 */
public record RunSettings(String preset, Map<String, String> overrides, boolean real, long seed, Duration deviceWait,
                          Path captures) {

    public RunSettings {
        overrides = Map.copyOf(overrides);
    }

    /** The same settings with capture files written into {@code folder}. */
    public RunSettings withCaptures(Path folder) {
        return new RunSettings(preset, overrides, real, seed, deviceWait, folder);
    }

    /** Compressed timers, emulated devices, seed 0, 30 s for the devices to connect, captures in a temporary folder. */
    public static RunSettings compressed() {
        return new RunSettings("compressed", Map.of(), false, 0, Duration.ofSeconds(30), null);
    }
}
