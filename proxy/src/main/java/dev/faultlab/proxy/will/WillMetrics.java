package dev.faultlab.proxy.will;

import dev.faultlab.proxy.events.WillEvent;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The will watcher's Prometheus families (see docs/METRICS.md): wills registered now, wills
 * published, and their latency from the loss the proxy observed, in seconds. Labelled {@code proxy}
 * and {@code client_id}; without client ids ({@code --metrics-without-client-id}) the series of a
 * proxy add up its clients. Called on the watcher's one thread.
 */
public final class WillMetrics {
    private static final double[] LATENCY_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 120, 300};

    private final boolean withClientId;
    private final Gauge registered;
    private final Counter published;
    private final Histogram latency;

    /**
     * Registers the families in {@code registry}.
     *
     * @param withClientId whether the series carry {@code client_id}
     */
    public WillMetrics(PrometheusRegistry registry, boolean withClientId) {
        this.withClientId = withClientId;
        registered = Gauge.builder()
                .name("faultlab_will_registered")
                .help("Wills the watcher waits for: the device's connection lives with a will, or its will is due")
                .labelNames(labels())
                .register(registry);
        published = Counter.builder()
                .name("faultlab_will_published_total")
                .help("Wills the upstream broker published, by whether the device's connection still looked alive")
                .labelNames(labels("connection_alive"))
                .register(registry);
        latency = Histogram.builder()
                .name("faultlab_will_latency_seconds")
                .help("Seconds from the loss the proxy observed to the will's arrival")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .labelNames(labels())
                .register(registry);
    }

    void registered(String proxy, String clientId) {
        if (withClientId) {
            registered.labelValues(proxy, clientId).set(1);
        } else {
            registered.labelValues(proxy).inc();
        }
    }

    void unregistered(String proxy, String clientId) {
        if (withClientId) {
            registered.labelValues(proxy, clientId).set(0);
        } else {
            registered.labelValues(proxy).dec();
        }
    }

    void published(WillEvent will) {
        String alive = Boolean.toString(will.connectionAlive());
        (withClientId ? published.labelValues(will.proxy(), will.clientId(), alive)
                : published.labelValues(will.proxy(), alive)).inc();
        if (will.latencyMillis() != null) {
            (withClientId ? latency.labelValues(will.proxy(), will.clientId()) : latency.labelValues(will.proxy()))
                    .observe(will.latencyMillis() / 1000);
        }
    }

    private String[] labels(String... more) {
        String[] base = withClientId ? new String[] {"proxy", "client_id"} : new String[] {"proxy"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
