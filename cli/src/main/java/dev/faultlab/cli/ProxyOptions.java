package dev.faultlab.cli;

import dev.faultlab.proxy.will.Credentials;
import dev.faultlab.proxy.will.WillWatcher;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs a proxy server shares ({@code serve}, {@code up}). */
final class ProxyOptions {
    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "seed of every random choice the toxics make (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "append every event to FILE as JSON lines")
    Path journal;

    @Option(names = "--capture", paramLabel = "DIR",
            description = "write a pcap file of every connection to DIR (created if missing)")
    Path capture;

    @Option(names = "--metrics-without-client-id",
            description = "drop the client_id label from the per-client metrics: one series per proxy (large fleets)")
    boolean metricsWithoutClientId;

    @Option(names = "--no-will-watcher",
            description = "do not subscribe to the devices' will topics at the upstream brokers")
    boolean noWillWatcher;

    @Option(names = "--will-watcher-username", paramLabel = "NAME",
            description = "user name the will watcher connects to the upstream brokers with")
    String willWatcherUsername;

    @Option(names = "--will-watcher-password", paramLabel = "PASSWORD",
            defaultValue = "${env:FAULTLAB_WILL_WATCHER_PASSWORD}",
            description = "its password (default: the environment variable FAULTLAB_WILL_WATCHER_PASSWORD)")
    String willWatcherPassword;

    /** The will watcher's options, or null when it is off. */
    WillWatcher.Options willWatcher() {
        return noWillWatcher ? null : WillWatcher.Options.defaults()
                .credentials(new Credentials(willWatcherUsername, willWatcherPassword));
    }

    /** The proxy server's settings from these options. */
    ProxyServer.Settings settings() {
        return new ProxyServer.Settings(seed, journal, !metricsWithoutClientId, willWatcher(), capture);
    }
}
