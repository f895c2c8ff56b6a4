package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.toxic.Direction;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The families counted per client from the data path: packets and bytes as they arrive, CONNECTs,
 * CONNACKs, ping round trips, publish flow latency and duplicate publishes. Each connection counts
 * through its own {@link ClientSeries}, which resolves a series once and keeps it.
 */
final class ClientFamilies {
    /** Seconds: from a loopback round trip to a struggling cellular link. */
    private static final double[] ROUND_TRIP_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final ClientLabels labels;
    private final Counter packets;
    private final Counter bytes;
    private final Counter connects;
    private final Counter connacks;
    private final Histogram pingRtt;
    private final Histogram ackLatency;
    private final Counter duplicates;

    ClientFamilies(PrometheusRegistry registry, ClientLabels labels) {
        this.labels = labels;
        packets = Counter.builder().name("faultlab_packets_total")
                .help("MQTT packets received from the sender of a direction, by packet type, before faults")
                .labelNames(labels.names("type", "direction")).register(registry);
        bytes = Counter.builder().name("faultlab_bytes_total")
                .help("Bytes received from the sender of a direction, before faults")
                .labelNames(labels.names("direction")).register(registry);
        connects = Counter.builder().name("faultlab_connects_total")
                .help("CONNECT packets, by MQTT version")
                .labelNames(labels.names("version")).register(registry);
        connacks = Counter.builder().name("faultlab_connacks_total")
                .help("CONNACK packets delivered to the client, by return or reason code")
                .labelNames(labels.names("code")).register(registry);
        pingRtt = Histogram.builder().name("faultlab_ping_rtt_seconds")
                .help("Seconds from a PINGREQ leaving the proxy to its PINGRESP leaving the proxy")
                .classicOnly().classicUpperBounds(ROUND_TRIP_BUCKETS)
                .labelNames(labels.names()).register(registry);
        ackLatency = Histogram.builder().name("faultlab_ack_latency_seconds")
                .help("Seconds from a QoS 1/2 PUBLISH to the PUBACK or PUBCOMP completing its flow")
                .classicOnly().classicUpperBounds(ROUND_TRIP_BUCKETS)
                .labelNames(labels.names("qos")).register(registry);
        duplicates = Counter.builder().name("faultlab_duplicate_publishes_total")
                .help("QoS 1/2 PUBLISH packets re-sent: DUP set, or their packet id still in flight")
                .labelNames(labels.names("direction")).register(registry);
    }

    /** The meter of one new connection of {@code proxy}. */
    SessionMeter session(String proxy) {
        return new ClientSeries(this, proxy);
    }

    boolean withClientId() {
        return labels.withClientId();
    }

    CounterDataPoint packets(String proxy, String clientId, PacketType type, Direction direction) {
        return packets.labelValues(labels.values(proxy, clientId, type.name(), direction.jsonName()));
    }

    CounterDataPoint bytes(String proxy, String clientId, Direction direction) {
        return bytes.labelValues(labels.values(proxy, clientId, direction.jsonName()));
    }

    CounterDataPoint connects(String proxy, String clientId, String version) {
        return connects.labelValues(labels.values(proxy, clientId, version));
    }

    CounterDataPoint connacks(String proxy, String clientId, int code) {
        return connacks.labelValues(labels.values(proxy, clientId, Integer.toString(code)));
    }

    DistributionDataPoint pingRtt(String proxy, String clientId) {
        return pingRtt.labelValues(labels.values(proxy, clientId));
    }

    DistributionDataPoint ackLatency(String proxy, String clientId, int qos) {
        return ackLatency.labelValues(labels.values(proxy, clientId, Integer.toString(qos)));
    }

    CounterDataPoint duplicates(String proxy, String clientId, Direction direction) {
        return duplicates.labelValues(labels.values(proxy, clientId, direction.jsonName()));
    }
}
