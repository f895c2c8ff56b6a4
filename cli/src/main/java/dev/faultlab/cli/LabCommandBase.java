package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the lab commands ({@code up}, {@code lab}) share: where boards connect ({@code --listen}),
 * where the control API listens ({@code --api}), the proxy options, and how a started lab runs:
 * its screen printed, then until the process is stopped.
 */
abstract class LabCommandBase {
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

    @Mixin
    ProxyOptions proxy;

    /** Prints {@code screen}, then blocks until the process is stopped, which closes {@code lab}. */
    final int runUntilStopped(String screen, AutoCloseable lab) throws InterruptedException {
        spec.commandLine().getOut().print(screen);
        spec.commandLine().getOut().flush();
        UntilStopped.run("lab", lab);
        return 0;
    }
}
