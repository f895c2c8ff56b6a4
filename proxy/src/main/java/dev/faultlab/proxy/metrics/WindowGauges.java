package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.TcpWindows;
import dev.faultlab.proxy.net.WindowProbe;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code faultlab_peer_window_bytes} and {@code faultlab_backlog_bytes}, per live connection and
 * direction, read at scrape time from the sockets' TCP_INFO ({@link WindowProbe}: one task per event
 * loop, at most {@link #WAIT_MILLIS} for all). {@code direction="upstream"} is the broker's side (the
 * window it advertises, the bytes towards it it has not acknowledged), {@code downstream} the
 * client's. Connections sharing a label set are summed; unknown values (NIO, old kernels) make no
 * series. Both families come from one read per scrape.
 */
final class WindowGauges implements MultiCollector {
    static final String WINDOW = "faultlab_peer_window_bytes";
    static final String BACKLOG = "faultlab_backlog_bytes";
    private static final long WAIT_MILLIS = 1_000;

    private final ProxyRegistry proxies;
    private final ClientLabels labels;

    WindowGauges(ProxyRegistry proxies, ClientLabels labels) {
        this.proxies = proxies;
        this.labels = labels;
    }

    @Override
    public MetricSnapshots collect() {
        Map<List<String>, Double> windows = new HashMap<>();
        Map<List<String>, Double> backlogs = new HashMap<>();
        Map<Connection, TcpWindows> read;
        try {
            read = WindowProbe.read(proxies.connections(), WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read = Map.of();
        }
        read.forEach((connection, tcp) -> {
            String proxy = connection.proxy();
            String clientId = connection.session().state().clientId();
            add(windows, labels.values(proxy, clientId, "upstream"), tcp.windowUp());
            add(windows, labels.values(proxy, clientId, "downstream"), tcp.windowDown());
            add(backlogs, labels.values(proxy, clientId, "upstream"), tcp.backlogUp());
            add(backlogs, labels.values(proxy, clientId, "downstream"), tcp.backlogDown());
        });
        return MetricSnapshots.of(
                gauge(WINDOW, "Receive window a live connection's peer advertises to the proxy: the broker's"
                        + " (upstream), the client's (downstream)", windows),
                gauge(BACKLOG, "Bytes the proxy passed towards a live connection's peer that the peer's TCP has"
                        + " not acknowledged yet (outbound buffer, send queue, in flight)", backlogs));
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(WINDOW, BACKLOG);
    }

    private static void add(Map<List<String>, Double> sums, String[] values, Long bytes) {
        if (bytes != null) {
            sums.merge(List.of(values), bytes.doubleValue(), Double::sum);
        }
    }

    private GaugeSnapshot gauge(String name, String help, Map<List<String>, Double> sums) {
        String[] names = labels.names("direction");
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        sums.forEach((values, bytes) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(names, values.toArray(String[]::new)))
                .value(bytes)
                .build()));
        return gauge.build();
    }
}
