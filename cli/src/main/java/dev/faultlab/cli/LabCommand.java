package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faultlab lab}: the observability lab without containers: Mosquitto and Prometheus from
 * Debian packages next to the proxy, and optionally emulated devices (see {@link NativeLab}).
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Start the native lab: Mosquitto behind the mqtt proxy, Prometheus scraping it, "
                + "optionally emulated devices (Debian packages mosquitto and prometheus).")
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:1883", paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            description = "where boards connect; 0.0.0.0:1883 accepts the LAN (default: ${DEFAULT-VALUE})")
    HostPort listen;

    @Option(names = "--api", defaultValue = "127.0.0.1:8474", paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            description = "control API and /metrics address (default: ${DEFAULT-VALUE})")
    HostPort api;

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

    @Mixin
    ProxyOptions proxy;

    @Override
    public Integer call() throws Exception {
        NativeLab lab = NativeLab.start(options());
        spec.commandLine().getOut().print(NativeLabScreen.render(lab));
        spec.commandLine().getOut().flush();
        UntilStopped.run("lab", lab);
        return 0;
    }

    NativeLab.Options options() {
        return new NativeLab.Options(listen, api, brokerPort, prometheusPort, Duration.ofSeconds(scrapeSeconds),
                devices, preset, mosquitto, prometheus, proxy.seed, proxy.journal);
    }
}
