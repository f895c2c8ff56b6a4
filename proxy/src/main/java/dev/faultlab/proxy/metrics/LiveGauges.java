package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.mqtt.SessionState;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gauges of what exists now, read at scrape time from the registry: the toxics of every proxy
 * ({@code faultlab_faults_active}) and, per live MQTT connection, the keepalive in force and the
 * in-flight publishes. Reading them when scraped (rather than setting a gauge on the data path and
 * removing it at close) means a deleted toxic or a closed connection leaves no stale series behind,
 * whatever the churn of a 10,000-device fleet, and the data path does nothing for them. Several
 * connections may share a label set (a client's new connection while its old one lingers; every
 * client when {@code client_id} is off): in-flight counts are summed, the keepalive is the largest.
 */
final class LiveGauges {
    private LiveGauges() {
    }

    static void register(PrometheusRegistry prometheus, ProxyRegistry proxies, ClientLabels labels) {
        GaugeWithCallback.builder().name("faultlab_faults_active")
                .help("1 for each toxic configured on a proxy now")
                .labelNames("proxy", "fault", "type")
                .callback(callback -> {
                    for (ProxyState proxy : proxies.list()) {
                        for (ToxicDefinition toxic : proxy.toxics()) {
                            callback.call(1, proxy.name(), toxic.name(), toxic.type());
                        }
                    }
                })
                .register(prometheus);
        GaugeWithCallback.builder().name("faultlab_keepalive_seconds")
                .help("Keepalive in force on a live MQTT connection: the CONNECT's, or the MQTT 5 server keep alive")
                .labelNames(labels.names())
                .callback(callback -> {
                    Map<List<String>, Double> largest = new HashMap<>();
                    for (Connection connection : proxies.connections()) {
                        SessionState state = connection.session().state();
                        if (state.connect() != null) {
                            largest.merge(List.of(labels.values(connection.proxy(), state.clientId())),
                                    (double) state.keepAlive(), Math::max);
                        }
                    }
                    largest.forEach((values, seconds) -> callback.call(seconds, values.toArray(String[]::new)));
                })
                .register(prometheus);
        GaugeWithCallback.builder().name("faultlab_inflight_messages")
                .help("Unacknowledged QoS 1/2 publishes on live MQTT connections, by the direction of the PUBLISH")
                .labelNames(labels.names("direction"))
                .callback(callback -> {
                    Map<List<String>, Double> sums = new HashMap<>();
                    for (Connection connection : proxies.connections()) {
                        SessionState state = connection.session().state();
                        if (state.connect() != null) {
                            String proxy = connection.proxy();
                            sums.merge(List.of(labels.values(proxy, state.clientId(), "upstream")),
                                    (double) state.inflightUp(), Double::sum);
                            sums.merge(List.of(labels.values(proxy, state.clientId(), "downstream")),
                                    (double) state.inflightDown(), Double::sum);
                        }
                    }
                    sums.forEach((values, count) -> callback.call(count, values.toArray(String[]::new)));
                })
                .register(prometheus);
    }
}
