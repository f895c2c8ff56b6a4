package dev.faultlab.cli;

import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.net.HostPort;
import java.io.IOException;

/**
 * The lab that {@code faultlab up} runs: the proxy server, a proxy named {@value #PROXY_NAME} on
 * the listen address, and behind it either a given broker or the embedded one, started on a free
 * loopback port. Closing stops the proxy server first (boards see their connection end), then the
 * broker.
 */
public final class Lab implements AutoCloseable {
    static final String PROXY_NAME = "mqtt";

    private final ProxyServer server;
    private final EmbeddedBroker broker;
    private final ProxyState proxy;

    private Lab(ProxyServer server, EmbeddedBroker broker, ProxyState proxy) {
        this.server = server;
        this.broker = broker;
        this.proxy = proxy;
    }

    /**
     * What to start.
     *
     * @param listen   where boards connect (port 0: a free port)
     * @param upstream the broker to forward to, or null for the embedded one
     * @param api      the control API's address (port 0: a free port)
     * @param settings what the proxy server runs with (seed, journal, metrics, will watcher, capture)
     */
    public record Options(HostPort listen, HostPort upstream, HostPort api, ProxyServer.Settings settings) {

        /** With {@link ProxyServer.Settings#defaults}. */
        public Options(HostPort listen, HostPort upstream, HostPort api, long seed) {
            this(listen, upstream, api, ProxyServer.Settings.defaults(seed));
        }
    }

    /**
     * Starts the broker (unless an upstream is given), the proxy server and the {@code mqtt} proxy.
     *
     * @throws IOException when the API address cannot be bound
     */
    public static Lab start(Options options) throws IOException {
        EmbeddedBroker broker = options.upstream() == null ? EmbeddedBroker.start() : null;
        String upstream = broker == null ? options.upstream().toString() : broker.address();
        ProxyServer server = null;
        try {
            server = ProxyServer.start(options.api(), options.settings());
            ProxyState proxy = server.registry().create(
                    new ProxyRequest(PROXY_NAME, options.listen().toString(), upstream, true));
            return new Lab(server, broker, proxy);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** The {@code mqtt} proxy's bound address, {@code host:port}. */
    public String proxyAddress() {
        return proxy.listen();
    }

    /** The broker the proxy forwards to, {@code host:port}. */
    public String upstream() {
        return proxy.upstream();
    }

    /** Whether the broker is the embedded one. */
    public boolean embeddedBroker() {
        return broker != null;
    }

    public ProxyServer server() {
        return server;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
