package dev.faultlab.scenarios.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which events a step looks for: a type from a source, of a device alias (null: any device), with
 * fields equal to {@code where} (compared as text) and, for log lines, containing {@code contains}.
 *
 * @param computed fields whose value is an expression over parameters ({@code keep_alive: keepalive / 1s}),
 *                 evaluated by {@link #bind} when the step runs
 */
public record EventFilter(Source source, String type, String device, Map<String, String> where, String contains,
                          Map<String, Expression> computed) {

    public EventFilter {
        where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
        computed = Collections.unmodifiableMap(new LinkedHashMap<>(computed));
    }

    public EventFilter(Source source, String type, String device, Map<String, String> where, String contains) {
        this(source, type, device, where, contains, Map.of());
    }

    /** This filter with its computed fields evaluated: each must be a number, compared as its text ({@code 2}). */
    public EventFilter bind(Map<String, Quantity> params) {
        if (computed.isEmpty()) {
            return this;
        }
        Map<String, String> all = new TreeMap<>(where);
        computed.forEach((field, expression) -> {
            Quantity value = expression.eval(params);
            if (value.duration()) {
                throw new ScenarioException("where " + field + ": '" + expression.text() + "' is a duration; fields "
                        + "hold numbers (seconds: divide by 1s)");
            }
            all.put(field, value.toString());
        });
        return new EventFilter(source, type, device, all, contains, Map.of());
    }

    /** Where an event comes from. */
    public enum Source {
        /** The proxy's event stream ({@code /events}): the wire's view, the same with real boards. */
        PROXY,
        /** An emulated device's ESP events and log lines; not available with real boards. */
        DEVICE,
        /** Messages the engine's side client received. */
        SIDE
    }

    /** {@code connection_closed of dut where cause=client_fin}. */
    public String describe() {
        StringBuilder text = new StringBuilder(type);
        if (contains != null) {
            text.append(" '").append(contains).append('\'');
        }
        if (device != null) {
            text.append(" of ").append(device);
        }
        if (!where.isEmpty() || !computed.isEmpty()) {
            text.append(" where ");
            where.forEach((k, v) -> text.append(k).append('=').append(v).append(' '));
            computed.forEach((k, v) -> text.append(k).append('=').append(v.text()).append(' '));
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
