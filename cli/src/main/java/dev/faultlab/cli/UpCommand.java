package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultlab up}: the lab, an {@code mqtt} proxy in front of the embedded broker or a given one. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the lab: an MQTT proxy named mqtt in front of the embedded broker (or --upstream).")
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", defaultValue = "127.0.0.1:1883", paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            description = "where boards connect; 0.0.0.0:1883 accepts the LAN (default: ${DEFAULT-VALUE})")
    HostPort listen;

    @Option(names = "--upstream", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "broker to forward to (default: an embedded broker on a free loopback port)")
    HostPort upstream;

    @Option(names = "--api", defaultValue = "127.0.0.1:8474", paramLabel = "HOST:PORT",
            converter = AddressConverter.class,
            description = "control API address (default: ${DEFAULT-VALUE})")
    HostPort api;

    @Mixin
    ProxyOptions proxy;

    @Override
    public Integer call() throws Exception {
        Lab lab = Lab.start(options());
        spec.commandLine().getOut().print(LabScreen.render(lab));
        spec.commandLine().getOut().flush();
        UntilStopped.run("lab", lab);
        return 0;
    }

    Lab.Options options() {
        return new Lab.Options(listen, upstream, api, proxy.settings());
    }
}
