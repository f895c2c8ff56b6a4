package dev.faultlab.bench;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.metrics.ProxyMetrics;
import dev.faultlab.proxy.net.ConnectionListener;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.net.TrafficMeter;
import dev.faultlab.proxy.net.Transport;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.toxic.ToxicTypes;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.Socket;

/**
 * The way a benchmark client reaches its server: {@code direct} on loopback, {@code proxy} through
 * a faultlab proxy without toxics (MQTT-aware, no metrics), {@code proxy-metrics} the same with the
 * proxy's Prometheus metrics counting (the data plane as the lab runs it), or {@code proxy-raw}
 * through a proxy that forwards every connection as plain TCP.
 */
final class Path implements AutoCloseable {
    private final DataPlane plane;
    private final ProxyRegistry registry;
    private final HostPort target;

    private Path(DataPlane plane, ProxyRegistry registry, HostPort target) {
        this.plane = plane;
        this.registry = registry;
        this.target = target;
    }

    static Path open(String kind, int serverPort) {
        HostPort server = new HostPort("127.0.0.1", serverPort);
        if (kind.equals("direct")) {
            return new Path(null, null, server);
        }
        boolean mqttAware = !kind.equals("proxy-raw");
        ConnectionListener listener = ConnectionListener.NONE;
        TrafficMeter.Factory meters = TrafficMeter.Factory.NONE;
        if (kind.equals("proxy-metrics")) {
            ProxyMetrics metrics = new ProxyMetrics(new PrometheusRegistry());
            listener = metrics;
            meters = metrics;
        }
        DataPlane plane = new DataPlane(Transport.best(), Runtime.getRuntime().availableProcessors(), 1,
                listener, meters, new EventBus(), mqttAware);
        ProxyRegistry registry = new ProxyRegistry(plane, ToxicTypes.standard());
        String listen = registry.create(new ProxyRequest("bench", "127.0.0.1:0", server.toString(), true)).listen();
        return new Path(plane, registry, HostPort.parse(listen));
    }

    Socket connect() throws IOException {
        Socket socket = new Socket(target.host(), target.port());
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
            plane.close();
        }
    }
}
