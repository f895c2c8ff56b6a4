package dev.faultlab.cli;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.net.HostPort;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code faultlab serve}: the API server alone, a drop-in for {@code toxiproxy-server}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the proxy server with its Toxiproxy-compatible API (a drop-in for toxiproxy-server).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "API host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8474",
            description = "API port, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON array of proxies in the /populate format, created at start")
    Path config;

    @Mixin
    ProxyOptions proxy;

    @Override
    public Integer call() throws Exception {
        UntilStopped.run("proxy server", start());
        return 0;
    }

    /** Starts the server and applies the configuration file, if any. */
    ProxyServer start() throws Exception {
        ProxyServer server = ProxyServer.start(new HostPort(host, port), proxy.settings());
        if (config != null) {
            try {
                List<ProxyState> proxies = ProxyConfigFile.apply(config, server.registry());
                LOG.info("created {} proxies from {}", proxies.size(), config);
            } catch (Exception e) {
                server.close();
                throw e;
            }
        }
        return server;
    }
}
