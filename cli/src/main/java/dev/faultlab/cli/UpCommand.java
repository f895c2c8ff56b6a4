package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultlab up}: the lab, an {@code mqtt} proxy in front of the embedded broker or a given one. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the lab: an MQTT proxy named mqtt in front of the embedded broker (or --upstream).")
final class UpCommand extends LabCommandBase implements Callable<Integer> {
    @Option(names = "--upstream", paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "broker to forward to (default: an embedded broker on a free loopback port)")
    HostPort upstream;

    @Override
    public Integer call() throws Exception {
        Lab lab = Lab.start(options());
        return runUntilStopped(LabScreen.render(lab), lab);
    }

    Lab.Options options() {
        return new Lab.Options(listen, upstream, api, proxy.settings());
    }
}
