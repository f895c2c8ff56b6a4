package dev.faultlab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faultlab lab}: the observability lab without containers: Mosquitto and Prometheus from
 * Debian packages next to the proxy, and optionally emulated devices (see {@link NativeLab}).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Start the native lab: Mosquitto behind the mqtt proxy, Prometheus scraping it, "
                + "optionally emulated devices (Debian packages mosquitto and prometheus).")
final class LabCommand extends LabCommandBase implements Callable<Integer> {
    @Option(names = "--broker-port", defaultValue = "0", paramLabel = "P",
            description = "Mosquitto's port on 127.0.0.1 (default: a free port)")
    int brokerPort;

    @Option(names = "--prometheus-port", defaultValue = "9090", paramLabel = "P",
            description = "Prometheus' port on 127.0.0.1, 0 for a free one (default: ${DEFAULT-VALUE})")
    int prometheusPort;

    @Option(names = "--scrape-interval", defaultValue = "5", paramLabel = "S",
            description = "seconds between Prometheus scrapes (default: ${DEFAULT-VALUE})")
    long scrapeSeconds;

    @Option(names = "--devices", defaultValue = "0", paramLabel = "N",
            description = "emulated ESP32 devices connecting through the proxy, publishing at QoS 1 every second, "
                    + "with a will (default: none)")
    int devices;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "PRESET",
            description = "the devices' timers: default (K=120 s) or compressed (K=2 s) (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--mosquitto", paramLabel = "PATH",
            description = "the mosquitto program (default: found on PATH, /usr/sbin or /sbin)")
    Path mosquitto;

    @Option(names = "--prometheus", paramLabel = "PATH",
            description = "the prometheus program (default: found on PATH, /usr/sbin or /sbin)")
    Path prometheus;

    @Override
    public Integer call() throws Exception {
        NativeLab lab = NativeLab.start(options());
        return runUntilStopped(NativeLabScreen.render(lab), lab);
    }

    NativeLab.Options options() {
        return new NativeLab.Options(listen, api, brokerPort, prometheusPort, Duration.ofSeconds(scrapeSeconds),
                devices, preset, mosquitto, prometheus, proxy.settings());
    }
}
