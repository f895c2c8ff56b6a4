package dev.faultlab.cli;

import dev.faultlab.cli.lab.LocalAddress;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The native lab's emulated devices: {@code faultlab devices} through the proxy, client ids
 * {@value #CLIENT_IDS}, each with a will on {@value #WILL_TOPIC} and a QoS 1 publish every second
 * on {@value #PUBLISH}, their metrics on a free loopback port.
 */
final class LabFleet {
    static final String CLIENT_IDS = "lab-{n}";
    static final String WILL_TOPIC = "lab/{id}/status";
    static final String PUBLISH = "lab/{id}/telemetry@1000";

    private LabFleet() {
    }

    /**
     * Starts {@code count} devices with the {@code preset} timers against the proxy at {@code proxy}
     * ({@code host:port} as bound), their ESP-IDF log lines going to {@code log}.
     */
    static DevicesCommand.RunningFleet start(int count, String preset, long seed, String proxy, PrintWriter log)
            throws IOException {
        DevicesCommand devices = (DevicesCommand) FaultlabCommand.commandLine().setOut(log)
                .parseArgs("devices", "--broker", LocalAddress.of(proxy), "--count", Integer.toString(count),
                        "--preset", preset, "--client-id", CLIENT_IDS, "--will-topic", WILL_TOPIC,
                        "--publish", PUBLISH, "--qos", "1", "--seed", Long.toString(seed), "--metrics-port", "0")
                .subcommand().commandSpec().userObject();
        return devices.start();
    }
}
