package dev.faultlab.proxy.will;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.testing.MetricsText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The will families as scraped, with and without the {@code client_id} label. */
class WillMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void perClientSeriesGoToZeroAndTheLatencyFallsInItsBucket() {
        WillMetrics metrics = new WillMetrics(registry, true);
        metrics.registered("mqtt", "esp-a");
        assertThat(scrape().value("faultlab_will_registered", "client_id", "esp-a")).isEqualTo(1.0);

        metrics.unregistered("mqtt", "esp-a");
        metrics.published(will("esp-a", 3_004.0, true));

        MetricsText text = scrape();
        assertThat(text.value("faultlab_will_registered", "client_id", "esp-a")).isEqualTo(0.0);
        assertThat(text.value("faultlab_will_published_total", "client_id", "esp-a", "connection_alive", "true"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_will_latency_seconds_bucket", "client_id", "esp-a", "le", "3.0"))
                .isEqualTo(0.0);
        assertThat(text.value("faultlab_will_latency_seconds_bucket", "client_id", "esp-a", "le", "5.0"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_will_latency_seconds_sum", "client_id", "esp-a")).isEqualTo(3.004);
    }

    @Test
    void withoutClientIdsAProxysDevicesAddUp() {
        WillMetrics metrics = new WillMetrics(registry, false);
        metrics.registered("mqtt", "esp-a");
        metrics.registered("mqtt", "esp-b");
        metrics.unregistered("mqtt", "esp-a");
        metrics.published(will("esp-a", null, false));
        metrics.published(will("esp-b", 20.0, false));

        MetricsText text = scrape();
        assertThat(text.toString()).doesNotContain("client_id");
        assertThat(text.value("faultlab_will_registered", "proxy", "mqtt")).isEqualTo(1.0);
        assertThat(text.value("faultlab_will_published_total", "proxy", "mqtt", "connection_alive", "false"))
                .isEqualTo(2.0);
        assertThat(text.value("faultlab_will_latency_seconds_count", "proxy", "mqtt"))
                .as("only wills with an observed loss").isEqualTo(1.0);
    }

    private MetricsText scrape() {
        return MetricsText.scrape(registry);
    }

    private static WillEvent will(String clientId, Double latencyMillis, boolean alive) {
        return new WillEvent(Instant.EPOCH, 1, "mqtt", clientId, "status/" + clientId, 1, false, 7, latencyMillis,
                alive, latencyMillis == null ? null : "client_rst");
    }
}
