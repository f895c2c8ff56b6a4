package dev.faultlab.proxy.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The one JSON form of an event, shared by the {@code /events} stream and the journal: an object
 * with {@code type} first, then the record's fields in snake case ({@code client_id},
 * {@code keep_alive}…), {@code time} as ISO-8601 UTC ({@code 2025-01-31T12:00:00.123Z}). Fields
 * without a value are present as {@code null}, so every event of a type has the same keys.
 * Thread-safe.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(ProxyEvent.class, TypeFirst.class)
            .addModule(new SimpleModule("faultlab-events").addSerializer(Instant.class, ToStringSerializer.instance))
            .build();

    private EventJson() {
    }

    /** The event as UTF-8 JSON, on one line. */
    public static byte[] render(ProxyEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.type(), e);
        }
    }

    /** Puts the event's {@link ProxyEvent#type()} into the JSON, as its first key. */
    @JsonPropertyOrder({"type", "time"})
    private interface TypeFirst {
        @JsonProperty("type")
        String type();
    }
}
