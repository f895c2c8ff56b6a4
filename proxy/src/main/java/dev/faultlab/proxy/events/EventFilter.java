package dev.faultlab.proxy.events;

import dev.faultlab.proxy.mqtt.Glob;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which events a subscriber wants: those of one proxy, of some types, of the clients whose client
 * id matches a glob ({@code *} any run of characters, {@code ?} one). A null proxy or client id and
 * an empty type set mean "any". Client ids are matched per connection, see {@link EventSelection}.
 */
public record EventFilter(String proxy, Set<String> types, String clientId) {
    public static final EventFilter ALL = new EventFilter(null, Set.of(), null);

    public EventFilter {
        types = Set.copyOf(types);
    }

    /** Starts a selection with this filter that hands what it selects to {@code out}. */
    public EventSelection open(Consumer<ProxyEvent> out) {
        return new EventSelection(this, clientId == null ? null : Glob.of(clientId), out);
    }

    /**
     * The event types to take from the bus: null for all; else the wanted types plus those that
     * name and end a connection, which a client-id selection needs. Subscribing to no more than
     * that keeps per-packet events nobody asked for from being built.
     */
    public Set<String> busTypes() {
        if (types.isEmpty()) {
            return null;
        }
        Set<String> needed = new HashSet<>(types);
        needed.add("connect");
        needed.add("connection_closed");
        return needed;
    }

    boolean wantsProxy(ProxyEvent event) {
        return proxy == null || proxy.equals(event.proxy());
    }

    boolean wantsType(ProxyEvent event) {
        return types.isEmpty() || types.contains(event.type());
    }
}
