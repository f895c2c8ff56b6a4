package dev.faultlab.cli;

import dev.faultlab.proxy.api.ApiServer;
import dev.faultlab.proxy.capture.CaptureDirectory;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.EventJournal;
import dev.faultlab.proxy.metrics.ProxyMetrics;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.toxic.ToxicTypes;
import dev.faultlab.proxy.toxic.mqtt.MqttToxics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The proxy server as {@code toxiproxy-server} is: a data plane publishing to one event bus, the
 * registry of proxies with the standard toxics, Prometheus metrics (the proxy's and the JVM's), the
 * HTTP control API (with the connections API and the event stream) on one address, and optionally
 * a JSON-lines journal of every event and a pcap file of every connection ({@code --capture}).
 * Closing stops the API, then every proxy, then the event loops, and last the journal and the
 * capture files, so the connections' last events and packets are in them.
 */
public final class ProxyServer implements AutoCloseable {
    private final DataPlane plane;
    private final ProxyRegistry registry;
    private final ApiServer api;
    private final String apiHost;
    private final EventJournal journal;
    private final CaptureDirectory captures;

    private ProxyServer(DataPlane plane, ProxyRegistry registry, ApiServer api, String apiHost,
                        EventJournal journal, CaptureDirectory captures) {
        this.plane = plane;
        this.registry = registry;
        this.api = api;
        this.apiHost = apiHost;
        this.journal = journal;
        this.captures = captures;
    }

    /**
     * Builds everything and starts the API on {@code api} (port 0: a free port), without a journal.
     *
     * @param seed the seed of every random choice the toxics make
     * @throws IOException when the API address cannot be bound
     */
    public static ProxyServer start(HostPort api, long seed) throws IOException {
        return start(api, seed, null);
    }

    /**
     * Builds everything, opens the journal (when {@code journal} is not null) and starts the API on
     * {@code api} (port 0: a free port).
     *
     * @param seed the seed of every random choice the toxics make
     * @param journal the file every event is appended to as a JSON line, or null
     * @throws IOException when the journal cannot be opened or the API address cannot be bound
     */
    public static ProxyServer start(HostPort api, long seed, Path journal) throws IOException {
        return start(api, seed, journal, null);
    }

    /**
     * As {@link #start(HostPort, long, Path)}, and with {@code capture} not null a pcap file of
     * every connection in that directory (created if missing).
     *
     * @throws IOException when the journal cannot be opened, the capture directory cannot be
     *     written or the API address cannot be bound
     */
    public static ProxyServer start(HostPort api, long seed, Path journal, Path capture) throws IOException {
        EventBus events = new EventBus();
        CaptureDirectory captures = capture == null ? null : CaptureDirectory.open(capture);
        EventJournal journaling = null;
        try {
            journaling = journal == null ? null : EventJournal.open(journal, events);
        } catch (IOException e) {
            if (captures != null) {
                captures.close();
            }
            throw e;
        }
        PrometheusRegistry prometheus = new PrometheusRegistry();
        ProxyMetrics metrics = ProxyMetrics.withJvm(prometheus);
        events.subscribe(ProxyMetrics.EVENT_TYPES, metrics::onEvent);
        DataPlane plane = DataPlane.create(seed, metrics, metrics, events);
        if (captures != null) {
            plane.captureTo(captures);
            CounterWithCallback.builder()
                    .name("faultlab_capture_dropped_records_total")
                    .help("pcap records of --capture dropped because the file writer fell behind")
                    .callback(callback -> callback.call(captures.droppedRecords()))
                    .register(prometheus);
        }
        ProxyRegistry registry = new ProxyRegistry(plane, ToxicTypes.standard().with(MqttToxics.types()));
        ApiServer server = new ApiServer(registry, prometheus, ApiServer.Options.defaults(Version.current()));
        try {
            server.start(api.host(), api.port());
        } catch (IOException | RuntimeException e) {
            registry.close();
            plane.close();
            if (journaling != null) {
                journaling.close();
            }
            if (captures != null) {
                captures.close();
            }
            throw e;
        }
        return new ProxyServer(plane, registry, server, api.host(), journaling, captures);
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

    /** The events of every connection, for in-process listeners. */
    public EventBus events() {
        return plane.events();
    }

    @Override
    public void close() {
        api.close();
        registry.close();
        plane.close();
        if (journal != null) {
            journal.close();
        }
        if (captures != null) {
            captures.close();
        }
    }
}
