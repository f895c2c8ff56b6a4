package dev.faultlab.proxy.api;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.EventFilter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /events}: the proxy's events as server-sent events ({@code text/event-stream}), open
 * until the client leaves. Optional filters: {@code proxy=NAME}; {@code type=a,b} (event type
 * names, the parameter may repeat); {@code client_id=GLOB} ({@code *}, {@code ?}), which selects
 * the connections of matching clients, their events from before the CONNECT included. See
 * {@link EventStream} for the framing and what happens to a client that falls behind.
 */
final class EventsHandler implements Endpoint {
    private final EventBus bus;
    private final int capacity;
    private final Duration heartbeat;

    EventsHandler(EventBus bus, int capacity, Duration heartbeat) {
        this.bus = bus;
        this.capacity = capacity;
        this.heartbeat = heartbeat;
    }

    @Override
    public Reply handle(ApiCall call) {
        EventFilter filter = new EventFilter(blankToNull(call.query("proxy")), types(call.query().get("type")),
                blankToNull(call.query("client_id")));
        return new EventStream(bus, filter, capacity, heartbeat);
    }

    private static Set<String> types(List<String> values) {
        Set<String> types = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String type : value.split(",")) {
                    if (!type.isBlank()) {
                        types.add(type.trim());
                    }
                }
            }
        }
        return types;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
