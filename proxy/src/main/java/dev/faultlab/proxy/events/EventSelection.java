package dev.faultlab.proxy.events;

import dev.faultlab.proxy.mqtt.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * One subscriber's running application of an {@link EventFilter}, fed every event of the bus.
 *
 * <p>A client id filter selects connections, not single events: the events a connection publishes
 * before its CONNECT names the client ({@code connection_opened}, {@code raw}) are held, then
 * handed on ahead of the CONNECT when its client id matches, or discarded when it does not or the
 * connection closes unnamed. Held events are bounded ({@value #MAX_HELD_PER_CONNECTION} per
 * connection, {@value #MAX_UNDECIDED_CONNECTIONS} connections); past that they are discarded.
 *
 * <p>Thread-safe: every connection publishes on its own event loop, so the events of one
 * connection arrive in order from one thread at a time; the held events live in a concurrent map
 * keyed by connection.
 */
public final class EventSelection implements Consumer<ProxyEvent> {
    static final int MAX_HELD_PER_CONNECTION = 16;
    static final int MAX_UNDECIDED_CONNECTIONS = 4096;

    private final EventFilter filter;
    private final Glob clientId;
    private final Consumer<ProxyEvent> out;
    private final ConcurrentMap<Long, List<ProxyEvent>> held = new ConcurrentHashMap<>();

    EventSelection(EventFilter filter, Glob clientId, Consumer<ProxyEvent> out) {
        this.filter = filter;
        this.clientId = clientId;
        this.out = out;
    }

    @Override
    public void accept(ProxyEvent event) {
        if (!filter.wantsProxy(event)) {
            return;
        }
        if (clientId == null) {
            emit(event);
            return;
        }
        String id = event.clientId();
        if (id == null) {
            if (event instanceof ConnectionEvent.Closed) {
                held.remove(event.connection());
            } else {
                hold(event);
            }
            return;
        }
        List<ProxyEvent> earlier = held.remove(event.connection());
        if (!clientId.matches(id)) {
            return;
        }
        if (earlier != null) {
            earlier.forEach(this::emit);
        }
        emit(event);
    }

    private void hold(ProxyEvent event) {
        List<ProxyEvent> waiting = held.get(event.connection());
        if (waiting == null) {
            if (held.size() >= MAX_UNDECIDED_CONNECTIONS) {
                return;
            }
            waiting = new ArrayList<>(2);
            held.put(event.connection(), waiting);
        }
        if (waiting.size() < MAX_HELD_PER_CONNECTION) {
            waiting.add(event);
        }
    }

    private void emit(ProxyEvent event) {
        if (filter.wantsType(event)) {
            out.accept(event);
        }
    }
}
