package dev.faultlab.scenarios.parse;

import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Expression;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the event filter keys of a step ({@code event}, {@code source}, {@code where},
 * {@code contains}): a {@code where} value that is an expression over parameters becomes a
 * computed field, evaluated when the step runs.
 */
final class EventFilters {
    private static final Set<String> SOURCES = Set.of("proxy", "device", "side");

    private EventFilters() {
    }

    /** @param device the alias the step names, already checked, or null */
    static EventFilter read(Fields f, String device, Set<String> params) {
        String type = f.requiredString("event");
        EventFilter.Source source = EventFilter.Source.valueOf(
                f.oneOf("source", "proxy", SOURCES).toUpperCase(Locale.ROOT));
        if (device != null && source == EventFilter.Source.SIDE) {
            throw f.error("device", "side events (the side client's messages) belong to no device; match the topic in"
                    + " 'where' instead");
        }
        Map<String, String> where = f.textMap("where");
        Map<String, Expression> computed = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : Map.copyOf(where).entrySet()) {
            Expression expression = FaultAttributes.expression(field.getValue(), params);
            if (expression != null && !expression.names().isEmpty()) {
                computed.put(field.getKey(), expression);
                where.remove(field.getKey());
            }
        }
        return new EventFilter(source, type, device, where, f.string("contains", null), computed);
    }
}
