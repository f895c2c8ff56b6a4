package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
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
 * The control plane's HTTP server: Toxiproxy 2.12's API, {@code /metrics}, the connections API and
 * the event stream on Jetty 12 (core handlers). It serves a {@link ProxyRegistry} (and the event
 * bus of its data plane) and a {@link PrometheusRegistry} it does not own: closing the server ends
 * the open event streams and leaves both registries as they are.
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
     * @param eventQueue    events queued for one {@code /events} client before it is dropped
     * @param heartbeat     the interval of the {@code /events} heartbeat comments
     */
    public record Options(boolean allowBrowsers, String version, int eventQueue, Duration heartbeat) {
        public static final int DEFAULT_EVENT_QUEUE = 10_000;
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

        public Options {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (eventQueue <= 0 || heartbeat.isNegative() || heartbeat.isZero()) {
                throw new IllegalArgumentException("event queue and heartbeat must be positive");
            }
        }

        /** Browsers as given, the event stream's defaults. */
        public Options(boolean allowBrowsers, String version) {
            this(allowBrowsers, version, DEFAULT_EVENT_QUEUE, DEFAULT_HEARTBEAT);
        }

        /** The defaults: browsers refused, 10 000 queued events, a heartbeat every 15 s. */
        public static Options defaults(String version) {
            return new Options(false, version);
        }

        /** These options with other event stream settings. */
        public Options withEvents(int queue, Duration interval) {
            return new Options(allowBrowsers, version, queue, interval);
        }
    }

    public ApiServer(ProxyRegistry registry, PrometheusRegistry metrics, Options options) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("faultlab-api");
        server = new Server(threads);
        Handler api = new ApiHandler(ApiRoutes.table(registry, metrics, options));
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
