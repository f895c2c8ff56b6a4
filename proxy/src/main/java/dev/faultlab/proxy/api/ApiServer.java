package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's HTTP server: Toxiproxy 2.12's API and {@code /metrics} on Jetty 12 (core
 * handlers). It serves a {@link ProxyRegistry} and a {@link PrometheusRegistry} it does not own:
 * closing the server leaves both as they are.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private ServerConnector connector;

    /**
     * Server settings.
     *
     * @param allowBrowsers serve requests whose User-Agent starts with {@code Mozilla/}; false (the
     *                      default, as Toxiproxy) answers them 403, a guard against cross-site
     *                      requests from web pages
     * @param version       the version {@code GET /version} reports
     */
    public record Options(boolean allowBrowsers, String version) {

        public Options {
            Objects.requireNonNull(version, "version");
        }

        /** The defaults: browsers refused. */
        public static Options defaults(String version) {
            return new Options(false, version);
        }
    }

    public ApiServer(ProxyRegistry registry, PrometheusRegistry metrics, Options options) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("faultlab-api");
        server = new Server(threads);
        Handler api = new ApiHandler(ApiRoutes.table(registry, metrics, options.version()));
        server.setHandler(options.allowBrowsers() ? api : new BrowserGuard(api));
        server.setErrorHandler(new JsonErrorHandler());
    }

    /**
     * Binds {@code host:port} (port 0 picks a free port, see {@link #port()}) and starts serving.
     *
     * @throws IOException when the address cannot be bound or the server does not start
     */
    public synchronized void start(String host, int port) throws IOException {
        if (connector != null) {
            throw new IllegalStateException("already started");
        }
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector fresh = new ServerConnector(server, new HttpConnectionFactory(http));
        fresh.setHost(host);
        fresh.setPort(port);
        server.addConnector(fresh);
        try {
            server.start();
        } catch (Exception e) {
            server.removeConnector(fresh);
            stopQuietly();
            throw e instanceof IOException io ? io
                    : new IOException("control API failed to start on " + host + ":" + port, e);
        }
        connector = fresh;
        LOG.info("control API listening on {}:{}", host, connector.getLocalPort());
    }

    /** The bound port, once started. */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        return connector.getLocalPort();
    }

    /** Stops serving; the registry and its proxies are left running. */
    @Override
    public synchronized void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("control API did not stop cleanly", e);
        }
    }
}
