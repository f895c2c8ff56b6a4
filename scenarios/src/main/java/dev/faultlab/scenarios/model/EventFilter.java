package dev.faultlab.scenarios.model;

import java.util.Map;

/**
 * Which events a step looks for: a type from a source, of a device alias (null: any device), with
 * fields equal to {@code where} (compared as text) and, for log lines, containing {@code contains}.
 */
public record EventFilter(Source source, String type, String device, Map<String, String> where, String contains) {

    public EventFilter {
        where = Map.copyOf(where);
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
        if (!where.isEmpty()) {
            text.append(" where ");
            where.forEach((k, v) -> text.append(k).append('=').append(v).append(' '));
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
