package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.proxy.net.HostPort;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboards against a real lab: the native lab (Mosquitto, the proxy, two emulated devices
 * with the compressed timers, K=2 s) with a real Prometheus scraping every second, put through
 * {@link FaultSequence}; then every panel's and annotation's PromQL is evaluated through
 * Prometheus' HTTP API over the run, and must return data.
 */
class DashboardQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+), *(\\w+)\\)");
    private static final int STEP_SECONDS = 1;

    @Test
    void everyDashboardQueryReturnsDataAfterAFaultSequence() throws Exception {
        NativeLab.Options options = new NativeLab.Options(HostPort.parse("127.0.0.1:0"),
                HostPort.parse("127.0.0.1:0"), 0, 0, Duration.ofSeconds(STEP_SECONDS), 2, "compressed", null, null,
                ProxyServer.Settings.defaults(11));
        try (NativeLab lab = NativeLab.start(options)) {
            PrometheusApi prometheus = new PrometheusApi(lab.prometheusPort());
            Instant start = Instant.now();
            new FaultSequence(lab).run();
            Instant sequenceEnd = Instant.now();
            Instant twoScrapes = sequenceEnd.plusSeconds(STEP_SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> prometheus.everyTargetScrapedAfter(twoScrapes));
            Instant end = Instant.now();

            assertThat(prometheus.jobs()).containsExactly("faultlab-devices", "faultlab-proxy");
            Map<String, String> variables = Map.of("client_id", ".*", "__rate_interval", "10s",
                    "__interval", STEP_SECONDS + "s", "__range", (end.getEpochSecond() - start.getEpochSecond()) + "s");
            Set<String> scraped = prometheus.metricNames();
            List<String> empty = new ArrayList<>();
            String variable = clientIdVariable();
            if (!labelValues(prometheus, variable, start, end).containsAll(Set.of("lab-0", "lab-1"))) {
                empty.add("device.json / variable client_id: " + variable + neverScraped(variable, scraped));
            }
            for (DashboardQuery query : DashboardQuery.all(Repository.dashboards())) {
                JsonNode result = prometheus.queryRange(query.substituted(variables), start, end, STEP_SECONDS);
                if (result.isEmpty()) {
                    empty.add(query + neverScraped(query.expr(), scraped));
                }
            }
            assertThat(empty).as("dashboard queries that returned no data over the run (%s to %s)", start, end)
                    .isEmpty();
        }
    }

    /** The device dashboard's {@code client_id} variable query. */
    private static String clientIdVariable() throws Exception {
        return JSON.readTree(Files.readString(Repository.dashboards().resolve("device.json")))
                .path("templating").path("list").get(0).path("query").asText();
    }

    /** The values a {@code label_values(metric, label)} query yields, as Grafana asks Prometheus for them. */
    private static Set<String> labelValues(PrometheusApi prometheus, String variable, Instant start, Instant end)
            throws Exception {
        Matcher query = LABEL_VALUES.matcher(variable);
        assertThat(query.matches()).as("variable query %s", variable).isTrue();
        return prometheus.labelValues(query.group(2), query.group(1), start, end);
    }

    private static String neverScraped(String expr, Set<String> scraped) {
        String missing = DashboardQuery.metrics(expr).stream().filter(name -> !scraped.contains(name))
                .collect(Collectors.joining(", "));
        return missing.isEmpty() ? "" : "  (never scraped: " + missing + ")";
    }
}
