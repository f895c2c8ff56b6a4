package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.testing.MetricsText;
import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the given registry in the Prometheus text exposition format. */
class MetricsEndpointTest {

    @Test
    void servesTheRegistryAsPrometheusText() throws IOException {
        try (ApiTestServer server = new ApiTestServer()) {
            Counter counter = Counter.builder()
                    .name("faultlab_test_events_total")
                    .help("events seen by the test")
                    .labelNames("kind")
                    .register(server.metrics());
            counter.labelValues("ping").inc(3);

            ApiTestServer.Reply reply = server.get("/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
            assertThat(reply.body()).contains("# HELP faultlab_test_events_total events seen by the test");
            assertThat(reply.body()).contains("# TYPE faultlab_test_events_total counter");
            assertThat(MetricsText.of(reply.body()).value("faultlab_test_events_total", "kind", "ping"))
                    .isEqualTo(3.0);
        }
    }

    @Test
    void emptyRegistryIsAnEmptyScrape() throws IOException {
        try (ApiTestServer server = new ApiTestServer()) {
            ApiTestServer.Reply reply = server.get("/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEmpty();
        }
    }
}
