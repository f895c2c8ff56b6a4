package dev.faultlab.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON form of events: type first, snake-case fields, ISO-8601 time, nulls kept. */
class EventJsonTest {
    private static final Instant TIME = Instant.parse("2025-03-01T12:00:00.125Z");

    @Test
    void connectHasItsTypeFirstAndSnakeCaseFields() {
        String json = render(new PacketEvent.Connect(TIME, 7, "mqtt", "esp32-a1", "5", "device", 30, true,
                "devices/esp32-a1/status", 1, false, 10L, 7, 0x1234abcd, 3600L, 20));

        assertThat(json).isEqualTo("{\"type\":\"connect\",\"time\":\"2025-03-01T12:00:00.125Z\",\"connection\":7,"
                + "\"proxy\":\"mqtt\",\"client_id\":\"esp32-a1\",\"version\":\"5\",\"username\":\"device\","
                + "\"keep_alive\":30,\"clean_session\":true,\"will_topic\":\"devices/esp32-a1/status\","
                + "\"will_qos\":1,\"will_retain\":false,\"will_delay\":10,\"will_payload_size\":7,"
                + "\"session_expiry\":3600,"
                + "\"receive_maximum\":20}");
    }

    @Test
    void absentValuesAreNullAndListsArrays() {
        assertThat(render(new ConnectionEvent.Opened(TIME, 1, "mqtt", null, "127.0.0.1:50000")))
                .isEqualTo("{\"type\":\"connection_opened\",\"time\":\"2025-03-01T12:00:00.125Z\",\"connection\":1,"
                        + "\"proxy\":\"mqtt\",\"client_id\":null,\"remote\":\"127.0.0.1:50000\"}");
        assertThat(render(new PacketEvent.Subscribe(TIME, 1, "mqtt", "c", "UNSUBSCRIBE", 3, List.of("a/#", "b"))))
                .startsWith("{\"type\":\"unsubscribe\",")
                .endsWith("\"packet\":\"UNSUBSCRIBE\",\"packet_id\":3,\"filters\":[\"a/#\",\"b\"]}");
        assertThat(render(new PacketEvent.PingResponse(TIME, 1, "mqtt", "c", null)))
                .endsWith("\"rtt_millis\":null}");
    }

    private static String render(ProxyEvent event) {
        return new String(EventJson.render(event), StandardCharsets.UTF_8);
    }
}
