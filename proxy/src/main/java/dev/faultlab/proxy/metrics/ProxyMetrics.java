package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.ConnectionListener;
import dev.faultlab.proxy.net.TrafficMeter;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicMeter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;

/**
 * The proxy's Prometheus metrics: Toxiproxy's byte counters (same names and labels, but counted as
 * bytes move rather than when a connection ends), the connection lifecycle, and through its parts
 * the per-client families ({@link ClientFamilies}), what faults do ({@link FaultFamilies}), the
 * detection and reconnection times ({@link TimingFamilies}) and the gauges read at scrape time
 * ({@link LiveGauges}, the sockets' {@link WindowGauges}; once {@link #watch} names the registry).
 * Every family is documented in docs/METRICS.md. Counting is lock-free, so it may run on the data path.
 */
public final class ProxyMetrics implements TrafficMeter.Factory, ConnectionListener {
    /** Up to two minutes: esp-mqtt gives up on a CONNACK after its network timeout, 10 s by default. */
    private static final double[] HANG_WAIT_BUCKETS = {0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120};

    /** The event types {@link #onEvent} counts. */
    public static final Set<String> EVENT_TYPES = Set.of("raw", "fault_applied", "fault_cleared",
            "connection_closed", "connack");

    private final PrometheusRegistry prometheus;
    private final ClientLabels labels;
    private final ClientFamilies clients;
    private final FaultFamilies faults;
    private final TimingFamilies timing;

    private final Counter received;
    private final Counter sent;
    private final Gauge active;
    private final Counter opened;
    private final Counter closed;
    private final Counter raw;
    private final Gauge hanging;
    private final Histogram hangWait;

    /** With the {@code client_id} label on the per-client families. */
    public ProxyMetrics(PrometheusRegistry registry) {
        this(registry, true);
    }

    /** With {@code withClientId} false, the per-client families carry {@code proxy} only. */
    public ProxyMetrics(PrometheusRegistry registry, boolean withClientId) {
        prometheus = registry;
        labels = new ClientLabels(withClientId);
        clients = new ClientFamilies(registry, labels);
        faults = new FaultFamilies(registry);
        timing = new TimingFamilies(registry, labels);
        received = Counter.builder()
                .name("toxiproxy_proxy_received_bytes_total")
                .help("Bytes received by a proxy from the source of a direction (client upstream, server downstream)")
                .labelNames("direction", "listener", "proxy", "upstream")
                .register(registry);
        sent = Counter.builder()
                .name("toxiproxy_proxy_sent_bytes_total")
                .help("Bytes sent by a proxy to the destination of a direction, after toxics")
                .labelNames("direction", "listener", "proxy", "upstream")
                .register(registry);
        active = Gauge.builder()
                .name("faultlab_connections_active")
                .help("Proxied connections open now")
                .labelNames("proxy")
                .register(registry);
        opened = Counter.builder()
                .name("faultlab_connections_opened_total")
                .help("Client connections accepted whose upstream connected")
                .labelNames("proxy")
                .register(registry);
        closed = Counter.builder()
                .name("faultlab_connections_closed_total")
                .help("Connections ended, by cause; toxic names the toxic that closed it")
                .labelNames("proxy", "cause", "toxic")
                .register(registry);
        hanging = Gauge.builder()
                .name("faultlab_hanging_clients")
                .help("Clients a proxy in hang mode holds now, accepted and never answered")
                .labelNames("proxy")
                .register(registry);
        hangWait = Histogram.builder()
                .name("faultlab_hang_wait_seconds")
                .help("Seconds a client was held by hang mode, by how it ended: client_fin or client_rst (it gave up"
                        + " waiting for its CONNACK), hang_off, proxy_stopped")
                .classicOnly().classicUpperBounds(HANG_WAIT_BUCKETS)
                .labelNames("proxy", "cause")
                .register(registry);
        raw = Counter.builder()
                .name("faultlab_raw_streams_total")
                .help("Connection directions forwarded raw: not MQTT (malformed=false) or MQTT that became malformed")
                .labelNames("proxy", "direction", "malformed")
                .register(registry);
    }

    /** Counts what the connections' events report; subscribe it to the bus for {@link #EVENT_TYPES}. */
    public void onEvent(ProxyEvent event) {
        if (event instanceof ConnectionEvent.Raw r) {
            raw.labelValues(r.proxy(), r.direction(), Boolean.toString(r.malformed())).inc();
        } else {
            timing.onEvent(event);
        }
    }

    /** Registers the gauges read from {@code proxies} at scrape time (toxics, live sessions); once. */
    public void watch(ProxyRegistry proxies) {
        LiveGauges.register(prometheus, proxies, labels);
        prometheus.register(new WindowGauges(proxies, labels));
    }

    /** Also exports the JVM's metrics (memory, GC, threads…) to {@code registry}. */
    public static ProxyMetrics withJvm(PrometheusRegistry registry, boolean withClientId) {
        JvmMetrics.builder().register(registry);
        return new ProxyMetrics(registry, withClientId);
    }

    @Override
    public SessionMeter session(String proxy) {
        return clients.session(proxy);
    }

    @Override
    public TrafficMeter meter(String proxy, String listen, String upstream, Direction direction) {
        CounterDataPoint in = received.labelValues(direction.jsonName(), listen, proxy, upstream);
        CounterDataPoint out = sent.labelValues(direction.jsonName(), listen, proxy, upstream);
        CounterDataPoint pausedSeconds = faults.paused(proxy, direction);
        return new TrafficMeter() {
            @Override
            public void received(int bytes) {
                in.inc(bytes);
            }

            @Override
            public void sent(int bytes) {
                out.inc(bytes);
            }

            @Override
            public void paused(long nanos) {
                pausedSeconds.inc(nanos / 1e9);
            }

            @Override
            public ToxicMeter toxic(ToxicDefinition toxic) {
                return faults.meter(proxy, toxic);
            }
        };
    }

    @Override
    public void opened(Connection connection) {
        opened.labelValues(connection.proxy()).inc();
        active.labelValues(connection.proxy()).inc();
    }

    @Override
    public void closed(Connection connection, CloseCause cause, String toxic) {
        active.labelValues(connection.proxy()).dec();
        closed.labelValues(connection.proxy(), cause.label(), toxic == null ? "" : toxic).inc();
    }

    @Override
    public void upstreamUnreachable(String proxy, String upstream, Throwable error) {
        closed.labelValues(proxy, CloseCause.UPSTREAM_UNREACHABLE.label(), "").inc();
    }

    @Override
    public void hangAccepted(String proxy) {
        hanging.labelValues(proxy).inc();
    }

    @Override
    public void hangEnded(String proxy, String cause, long waitedNanos) {
        hanging.labelValues(proxy).dec();
        hangWait.labelValues(proxy, cause).observe(waitedNanos / 1e9);
    }
}
