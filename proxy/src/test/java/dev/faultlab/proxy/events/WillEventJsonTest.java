package dev.faultlab.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code will_published} in the one JSON form of events. */
class WillEventJsonTest {

    @Test
    void willPublishedHasItsTypeFirstAndSnakeCaseFields() {
        WillEvent will = new WillEvent(Instant.parse("2025-03-01T12:00:03.004Z"), 7, "mqtt", "esp32-a1",
                "devices/esp32-a1/status", 1, true, 7, 3004.5, true, "fault_applied:wifi_drop");

        assertThat(new String(EventJson.render(will), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"will_published\",\"time\":\"2025-03-01T12:00:03.004Z\",\"connection\":7,"
                + "\"proxy\":\"mqtt\",\"client_id\":\"esp32-a1\",\"topic\":\"devices/esp32-a1/status\",\"qos\":1,"
                + "\"retain\":true,\"payload_size\":7,\"latency_millis\":3004.5,\"connection_alive\":true,"
                + "\"loss\":\"fault_applied:wifi_drop\"}");
    }
}
