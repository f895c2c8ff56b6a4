package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.CloseCause;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * {@code faultlab_detect_seconds} and {@code faultlab_reconnect_seconds}: the times a client takes
 * to notice a fault and to come back, measured from the events ({@code fault_applied},
 * {@code fault_cleared}, {@code connection_closed}, {@code connack}) with their own timestamps.
 */
final class TimingFamilies {
    /** Seconds: from a reset noticed at once to keepalives of minutes. */
    private static final double[] DETECT_BUCKETS = {
        0.1, 0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300};
    /** Seconds: from an immediate reconnect to the esp-mqtt back-off of minutes. */
    private static final double[] RECONNECT_BUCKETS = {
        0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};

    private final ClientLabels labels;
    private final Histogram detect;
    private final Histogram reconnect;
    private final DetectionTimer detection = new DetectionTimer();
    private final ReconnectTimer reconnection = new ReconnectTimer();

    TimingFamilies(PrometheusRegistry registry, ClientLabels labels) {
        this.labels = labels;
        detect = Histogram.builder().name("faultlab_detect_seconds")
                .help("Seconds from a fault starting to act on a connection to the client closing it")
                .classicOnly().classicUpperBounds(DETECT_BUCKETS)
                .labelNames(labels.names("fault")).register(registry);
        reconnect = Histogram.builder().name("faultlab_reconnect_seconds")
                .help("Seconds from a client's connection closing to its client id's next accepted CONNACK")
                .classicOnly().classicUpperBounds(RECONNECT_BUCKETS)
                .labelNames(labels.names()).register(registry);
    }

    void onEvent(ProxyEvent event) {
        if (event instanceof ConnectionEvent.FaultApplied a) {
            detection.applied(a.connection(), a.toxic(), a.direction(), a.time());
        } else if (event instanceof ConnectionEvent.FaultCleared c) {
            detection.cleared(c.connection(), c.toxic(), c.direction());
        } else if (event instanceof ConnectionEvent.Closed c) {
            closed(c);
        } else if (event instanceof PacketEvent.Connack c && c.code() == 0 && c.clientId() != null) {
            reconnection.accepted(c.proxy(), c.clientId(), c.time()).ifPresent(gap ->
                    reconnect.labelValues(labels.values(c.proxy(), c.clientId())).observe(seconds(gap)));
        }
    }

    private void closed(ConnectionEvent.Closed c) {
        boolean byClient = c.cause().equals(CloseCause.CLIENT_FIN.label()) || c.cause().equals(CloseCause.CLIENT_RST.label())
                || c.cause().equals(CloseCause.CLIENT_KEEPALIVE.label());
        detection.closed(c.connection(), byClient, c.time()).ifPresent(d ->
                detect.labelValues(labels.values(c.proxy(), c.clientId(), d.fault())).observe(seconds(d.after())));
        if (c.clientId() != null) {
            reconnection.closed(c.proxy(), c.clientId(), c.time());
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
