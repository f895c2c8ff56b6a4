package dev.faultlab.cli;

import dev.faultlab.broker.ChildProcess;
import dev.faultlab.broker.MosquittoBroker;
import dev.faultlab.cli.lab.Executables;
import dev.faultlab.cli.lab.LocalAddress;
import dev.faultlab.cli.lab.PrometheusServer;
import dev.faultlab.cli.lab.ScrapeConfig;
import dev.faultlab.proxy.net.HostPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

/**
 * The lab {@code faultlab lab} runs without containers: Debian's Mosquitto on a loopback port as
 * the upstream, the proxy server with the {@code mqtt} proxy in front of it (a {@link Lab}), an
 * optional fleet of emulated devices connecting through the proxy with their metrics endpoint, and
 * Debian's Prometheus scraping the proxy's {@code /metrics} and the fleet's. Configurations, logs
 * and Prometheus' database live in a temporary folder, removed on close. Closing stops the fleet
 * (DISCONNECT), the proxy, the broker and Prometheus; a JVM that exits without closing runs the
 * same close from a shutdown hook, so no child process outlives it.
 */
public final class NativeLab implements AutoCloseable {
    private final Options options;
    private final Path folder;
    private final Deque<AutoCloseable> running;
    private final Lab lab;
    private final ChildProcess broker;
    private final ChildProcess prometheus;
    private final DevicesCommand.RunningFleet fleet;
    private final Thread shutdownHook = new Thread(this::close, "faultlab-lab-stop");
    private boolean closed;

    private NativeLab(Options options, Path folder, Deque<AutoCloseable> running, Lab lab, ChildProcess broker,
                      ChildProcess prometheus, DevicesCommand.RunningFleet fleet) {
        this.options = options;
        this.folder = folder;
        this.running = running;
        this.lab = lab;
        this.broker = broker;
        this.prometheus = prometheus;
        this.fleet = fleet;
    }

    /**
     * What to start.
     *
     * @param listen           where boards connect to the proxy (port 0: a free port)
     * @param api              the control API and {@code /metrics} (port 0: a free port)
     * @param brokerPort       Mosquitto's loopback port (0: a free port)
     * @param prometheusPort   Prometheus' loopback port (0: a free port)
     * @param scrapeInterval   how often Prometheus scrapes
     * @param devices          emulated devices to run through the proxy (0: none)
     * @param preset           the devices' timers: {@code default} or {@code compressed}
     * @param mosquittoBinary  the broker's program, or null to search {@code PATH}
     * @param prometheusBinary the Prometheus program, or null to search {@code PATH}
     * @param proxy            the proxy server's settings; its seed seeds the devices too
     */
    public record Options(HostPort listen, HostPort api, int brokerPort, int prometheusPort, Duration scrapeInterval,
                          int devices, String preset, Path mosquittoBinary, Path prometheusBinary,
                          ProxyServer.Settings proxy) {
    }

    /**
     * Finds the programs, then starts Mosquitto, the proxy, the fleet and Prometheus; what started
     * before a failure is stopped again.
     *
     * @throws IllegalStateException when a program is missing or does not start
     */
    public static NativeLab start(Options options) throws IOException {
        Path mosquittoBinary = Executables.find("mosquitto", options.mosquittoBinary(), "mosquitto",
                "--mosquitto");
        Path prometheusBinary = Executables.find("prometheus", options.prometheusBinary(), "prometheus",
                "--prometheus");
        Path folder = Files.createTempDirectory("faultlab-lab");
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            ChildProcess broker = MosquittoBroker.launch(mosquittoBinary, options.brokerPort(), folder);
            running.push(broker);
            Lab lab = Lab.start(new Lab.Options(options.listen(), new HostPort("127.0.0.1", broker.port()),
                    options.api(), options.proxy()));
            running.push(lab);
            ScrapeConfig scrape = new ScrapeConfig(options.scrapeInterval())
                    .job(ScrapeConfig.PROXY_JOB, LocalAddress.of(lab.server().apiAddress()));
            DevicesCommand.RunningFleet fleet = null;
            if (options.devices() > 0) {
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(folder.resolve("devices.log")), true);
                running.push(log);
                fleet = LabFleet.start(options.devices(), options.preset(), options.proxy().seed(), lab.proxyAddress(), log);
                running.push(fleet);
                scrape.job(ScrapeConfig.DEVICES_JOB, "127.0.0.1:" + fleet.metricsPort());
            }
            ChildProcess prometheus = PrometheusServer.start(prometheusBinary, options.prometheusPort(), scrape,
                    folder);
            running.push(prometheus);
            NativeLab started = new NativeLab(options, folder, running, lab, broker, prometheus, fleet);
            Runtime.getRuntime().addShutdownHook(started.shutdownHook);
            return started;
        } catch (IOException | RuntimeException e) {
            stopAll(running);
            delete(folder);
            throw e;
        }
    }

    public Options options() {
        return options;
    }

    public Lab lab() {
        return lab;
    }

    /** Mosquitto's loopback port. */
    public int brokerPort() {
        return broker.port();
    }

    /** Prometheus' loopback port (its web UI and HTTP API). */
    public int prometheusPort() {
        return prometheus.port();
    }

    /** The emulated fleet, or null when the lab runs none. */
    DevicesCommand.RunningFleet fleet() {
        return fleet;
    }

    /** The folder of the generated configurations and the logs. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and this close may be the hook itself: stop all the same
        }
        try {
            stopAll(running);
        } finally {
            delete(folder);
        }
    }

    /** Closes in reverse start order; the first failure is thrown once everything was tried. */
    private static void stopAll(Deque<AutoCloseable> running) {
        RuntimeException failure = null;
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("the lab did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
