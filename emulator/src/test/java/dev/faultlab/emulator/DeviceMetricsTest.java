package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.testing.MetricsText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 4: the device-side metrics, scraped as text, on virtual time. */
class DeviceMetricsTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    private static VirtualDevice bench(long seed) {
        return new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, seed);
    }

    private MetricsText scrape() {
        return MetricsText.scrape(registry);
    }

    @Test
    void eventsErrorsReconnectsOutboxAndConnectedTimePerDevice() {
        VirtualDevice bench = bench(7);
        new DeviceMetrics(registry, true).watch(bench.device);
        String id = bench.device.clientId();
        bench.device.start();
        bench.clock.advance(0);

        MetricsText text = scrape();
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_BEFORE_CONNECT"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_CONNECTED"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_device_connected", "client_id", id)).isEqualTo(1.0);
        assertThat(text.value("faultlab_device_reconnects_total", "client_id", id)).isNull();
        assertThat(text.value("faultlab_device_connected_seconds_total", "client_id", id)).isEqualTo(0.0);

        bench.clock.advance(1_500);
        assertThat(scrape().value("faultlab_device_connected_seconds_total", "client_id", id)).isEqualTo(1.5);

        bench.publish("t", 1);
        bench.clock.advance(0);
        bench.broker.ackPublishes = false;
        bench.publish("t", 1);
        bench.clock.advance(0);
        text = scrape();
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_PUBLISHED"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_device_outbox_messages", "client_id", id)).isEqualTo(1.0);

        bench.clock.advance(500);
        bench.broker.acceptTcp = false;
        bench.broker.current().closeFromPeer();
        bench.clock.advance(0);
        text = scrape();
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_DISCONNECTED"))
                .isEqualTo(1.0);
        assertThat(text.value("faultlab_device_connected", "client_id", id)).isEqualTo(0.0);
        assertThat(text.value("faultlab_device_connected_seconds_total", "client_id", id)).isEqualTo(2.0);

        bench.clock.advance(2_000);
        assertThat(bench.broker.opens).hasSize(2);
        long transportErrors = bench.eventValues().stream()
                .filter(new EspEvent.Error(EspEvent.ErrorType.TCP_TRANSPORT, 0)::equals).count();
        assertThat(transportErrors).as("the peer's close, then the refused connect").isEqualTo(2);
        text = scrape();
        assertThat(text.value("faultlab_device_errors_total", "client_id", id, "type", "TCP_TRANSPORT", "code", "0"))
                .isEqualTo(2.0);
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_ERROR"))
                .isEqualTo(2.0);
        assertThat(text.value("faultlab_device_connected_seconds_total", "client_id", id))
                .as("no time counted while away").isEqualTo(2.0);

        bench.broker.acceptTcp = true;
        bench.clock.advance(2_000);
        List<Long> connects = bench.times(EspEvent.Connected.class);
        assertThat(connects).hasSize(2);
        text = scrape();
        assertThat(text.value("faultlab_device_reconnects_total", "client_id", id)).isEqualTo(1.0);
        assertThat(text.value("faultlab_device_events_total", "client_id", id, "event", "MQTT_EVENT_CONNECTED"))
                .isEqualTo(2.0);
        assertThat(text.value("faultlab_device_connected", "client_id", id)).isEqualTo(1.0);
        assertThat(text.value("faultlab_device_connected_seconds_total", "client_id", id))
                .isEqualTo(2.0 + (bench.clock.nowMillis() - connects.get(1)) / 1000.0);
    }

    @Test
    void refusalsAreCountedByReturnCode() {
        VirtualDevice bench = bench(5);
        new DeviceMetrics(registry, true).watch(bench.device);
        bench.broker.connackCode = 5;
        bench.device.start();
        bench.clock.advance(0);

        assertThat(scrape().value("faultlab_device_errors_total", "client_id", bench.device.clientId(),
                "type", "CONNECTION_REFUSED", "code", "5")).isEqualTo(1.0);
    }

    @Test
    void withoutClientIdTheDevicesAreSummed() {
        VirtualDevice first = bench(1);
        VirtualDevice second = bench(2);
        DeviceMetrics metrics = new DeviceMetrics(registry, false);
        metrics.watch(first.device);
        metrics.watch(second.device);
        first.device.start();
        second.device.start();
        first.clock.advance(0);
        second.clock.advance(0);
        first.clock.advance(1_000);
        second.clock.advance(3_000);
        second.broker.ackPublishes = false;
        second.publish("t", 1);
        second.clock.advance(0);

        MetricsText text = scrape();
        assertThat(text.toString()).doesNotContain("client_id");
        assertThat(text.value("faultlab_device_events_total", "event", "MQTT_EVENT_CONNECTED")).isEqualTo(2.0);
        assertThat(text.value("faultlab_device_connected")).isEqualTo(2.0);
        assertThat(text.value("faultlab_device_outbox_messages")).isEqualTo(1.0);
        assertThat(text.value("faultlab_device_connected_seconds_total")).isEqualTo(4.0);
    }
}
