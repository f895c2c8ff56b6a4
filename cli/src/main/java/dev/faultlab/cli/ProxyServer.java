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
import dev.faultlab.proxy.will.WillMetrics;
import dev.faultlab.proxy.will.WillWatcher;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The proxy server as {@code toxiproxy-server} is: a data plane publishing to one event bus, the
 * registry of proxies with the standard toxics, Prometheus metrics (the proxy's and the JVM's), the
 * HTTP control API (with the connections API and the event stream) on one address, the will
 * watcher (unless turned off), and optionally a JSON-lines journal of every event and a pcap file
 * of every connection ({@code --capture}). Closing stops the API, then the will watcher, then every
 * proxy, then the event loops, and last the journal and the capture files, so the connections'
 * last events and packets are in them.
 */
public final class ProxyServer implements AutoCloseable {
    private final DataPlane plane;
    private final ProxyRegistry registry;
    private final ApiServer api;
    private final String apiHost;
    private final EventJournal journal;
    private final WillWatcher willWatcher;
    private final CaptureDirectory captures;

    /**
     * What a proxy server runs with, besides its API address.
     *
     * @param seed                the seed of every random choice the toxics make
     * @param journal             the file every event is appended to as a JSON line, or null
     * @param metricsWithClientId whether the per-client metrics carry the {@code client_id} label
     *                            ({@code --metrics-without-client-id} turns it off)
     * @param willWatcher         the will watcher's options, or null for none
     * @param capture             the directory of a pcap file per connection (created if
     *                            missing), or null for none
     */
    public record Settings(long seed, Path journal, boolean metricsWithClientId, WillWatcher.Options willWatcher,
                           Path capture) {

        /** No journal, no capture, {@code client_id} on the metrics, the will watcher on. */
        public static Settings defaults(long seed) {
            return new Settings(seed, null, true, WillWatcher.Options.defaults(), null);
        }
    }

    private ProxyServer(DataPlane plane, ProxyRegistry registry, ApiServer api, String apiHost,
                        EventJournal journal, WillWatcher willWatcher, CaptureDirectory captures) {
        this.plane = plane;
        this.registry = registry;
        this.api = api;
        this.apiHost = apiHost;
        this.journal = journal;
        this.willWatcher = willWatcher;
        this.captures = captures;
    }

    /**
     * Builds everything, opens the journal and the capture directory when asked for, starts the
     * will watcher (unless off) and starts the API on {@code api} (port 0: a free port).
     *
     * @throws IOException when the journal cannot be opened, the capture directory cannot be
     *     written or the API address cannot be bound
     */
    public static ProxyServer start(HostPort api, Settings settings) throws IOException {
        EventBus events = new EventBus();
        CaptureDirectory captures = settings.capture() == null ? null : CaptureDirectory.open(settings.capture());
        EventJournal journaling = null;
        try {
            journaling = settings.journal() == null ? null : EventJournal.open(settings.journal(), events);
        } catch (IOException e) {
            if (captures != null) {
                captures.close();
            }
            throw e;
        }
        PrometheusRegistry prometheus = new PrometheusRegistry();
        ProxyMetrics metrics = ProxyMetrics.withJvm(prometheus, settings.metricsWithClientId());
        events.subscribe(ProxyMetrics.EVENT_TYPES, metrics::onEvent);
        DataPlane plane = DataPlane.create(settings.seed(), metrics, metrics, events);
        if (captures != null) {
            plane.captureTo(captures);
            CounterWithCallback.builder()
                    .name("faultlab_capture_dropped_records_total")
                    .help("pcap records of --capture dropped because the file writer fell behind")
                    .callback(callback -> callback.call(captures.droppedRecords()))
                    .register(prometheus);
        }
        ProxyRegistry registry = new ProxyRegistry(plane, ToxicTypes.standard().with(MqttToxics.types()));
        metrics.watch(registry);
        WillWatcher wills = settings.willWatcher() == null ? null
                : new WillWatcher(events, registry, new WillMetrics(prometheus, settings.metricsWithClientId()),
                        settings.willWatcher());
        ApiServer server = new ApiServer(registry, prometheus, ApiServer.Options.defaults(Version.current()));
        try {
            server.start(api.host(), api.port());
        } catch (IOException | RuntimeException e) {
            if (wills != null) {
                wills.close();
            }
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
        return new ProxyServer(plane, registry, server, api.host(), journaling, wills, captures);
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

    /** The will watcher, or null when it is off. */
    public WillWatcher willWatcher() {
        return willWatcher;
    }

    /** The events of every connection, for in-process listeners. */
    public EventBus events() {
        return plane.events();
    }

    @Override
    public void close() {
        api.close();
        if (willWatcher != null) {
            willWatcher.close();
        }
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
