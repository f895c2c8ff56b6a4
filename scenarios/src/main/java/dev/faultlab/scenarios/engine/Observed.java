package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.EventFilter;
import java.time.Instant;

/**
 * One event the engine saw, from the proxy's stream, an emulated device or the side client.
 *
 * @param nanos    when the engine received it ({@code System.nanoTime()}): windows are measured on it
 * @param time     when its source saw it (the proxy's {@code time}); event-to-event figures use it
 * @param alias    the device alias it belongs to, or null
 * @param clientId the MQTT client id, or null
 * @param fields   the event's JSON fields (for proxy events, exactly as {@code /events} sends them)
 */
public record Observed(long nanos, Instant time, EventFilter.Source source, String type, String alias,
                       String clientId, JsonNode fields) {

    /** The field as text, or null when absent or null. */
    public String text(String field) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Whether it is what {@code filter} asks for. */
    public boolean matches(EventFilter filter) {
        if (filter.source() != source || !filter.type().equals(type)) {
            return false;
        }
        if (filter.device() != null && !filter.device().equals(alias)) {
            return false;
        }
        if (filter.contains() != null && (text("line") == null || !text("line").contains(filter.contains()))) {
            return false;
        }
        for (var entry : filter.where().entrySet()) {
            if (!entry.getValue().equals(text(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
