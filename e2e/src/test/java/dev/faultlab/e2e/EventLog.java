package dev.faultlab.e2e;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Every event the proxy published, in order, for tests to look through and wait on. */
final class EventLog implements Consumer<ProxyEvent> {
    static final Duration WAIT = Duration.ofSeconds(15);
    private final List<ProxyEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ProxyEvent event) {
        events.add(event);
    }

    /** A proxy data plane whose every event lands in this log. */
    ProxyFixture proxies() {
        EventBus bus = new EventBus();
        bus.subscribe(this);
        return new ProxyFixture(bus);
    }

    /** The events of one kind that match {@code filter}, in order. */
    <T extends ProxyEvent> List<T> of(Class<T> kind, Predicate<? super T> filter) {
        return events.stream().filter(kind::isInstance).map(kind::cast).filter(filter).toList();
    }

    <T extends ProxyEvent> List<T> of(Class<T> kind) {
        return of(kind, e -> true);
    }

    /** Waits for the first event of {@code kind} matching {@code filter}. */
    <T extends ProxyEvent> T await(Class<T> kind, Predicate<? super T> filter) {
        return Awaitility.await().atMost(WAIT).until(() -> of(kind, filter), found -> !found.isEmpty()).get(0);
    }

    /** Waits until connection {@code id} has ended; returns its close event. */
    ConnectionEvent.Closed awaitClosed(long id) {
        return await(ConnectionEvent.Closed.class, e -> e.connection() == id);
    }

    /** Waits until the connection of {@code clientId} has ended; returns its close event. */
    ConnectionEvent.Closed awaitClosed(String clientId) {
        return await(ConnectionEvent.Closed.class, e -> clientId.equals(e.clientId()));
    }
}
