package dev.faultlab.cli;

import dev.faultlab.proxy.api.ApiServer;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.metrics.ProxyMetrics;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.toxic.ToxicTypes;
import dev.faultlab.proxy.toxic.mqtt.MqttToxics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * The proxy server as {@code toxiproxy-server} is: a data plane, the registry of proxies with the
 * standard toxics, Prometheus metrics (the proxy's and the JVM's) and the HTTP control API on one
 * address. Closing stops the API, then every proxy, then the event loops.
 */
public final class ProxyServer implements AutoCloseable {
    private final DataPlane plane;
    private final ProxyRegistry registry;
    private final ApiServer api;
    private final String apiHost;

    private ProxyServer(DataPlane plane, ProxyRegistry registry, ApiServer api, String apiHost) {
        this.plane = plane;
        this.registry = registry;
        this.api = api;
        this.apiHost = apiHost;
    }

    /**
     * Builds everything and starts the API on {@code api} (port 0: a free port).
     *
     * @param seed the seed of every random choice the toxics make
     * @throws IOException when the API address cannot be bound
     */
    public static ProxyServer start(HostPort api, long seed) throws IOException {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        ProxyMetrics metrics = ProxyMetrics.withJvm(prometheus);
        DataPlane plane = DataPlane.create(seed, metrics, metrics);
        ProxyRegistry registry = new ProxyRegistry(plane, ToxicTypes.standard().with(MqttToxics.types()));
        ApiServer server = new ApiServer(registry, prometheus, ApiServer.Options.defaults(Version.current()));
        try {
            server.start(api.host(), api.port());
        } catch (IOException | RuntimeException e) {
            registry.close();
            plane.close();
            throw e;
        }
        return new ProxyServer(plane, registry, server, api.host());
    }

    public ProxyRegistry registry() {
        return registry;
    }

    /** The API's bound address, {@code host:port}. */
    public String apiAddress() {
        return new HostPort(apiHost, api.port()).toString();
    }

    public int apiPort() {
        return api.port();
    }

    @Override
    public void close() {
        api.close();
        registry.close();
        plane.close();
    }
}
