package dev.faultlab.proxy.events;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to listeners (metrics, the {@code /events} stream, the journal, in-process
 * observers). A listener takes every event type or only some; producers ask {@link #wants} before
 * building an event, so a per-packet event nobody listens to costs nothing. Publishing runs on the
 * connection's event loop: listeners must be quick and never block; slow consumers queue on their
 * own side with a bound.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Subscription(Set<String> types, Consumer<ProxyEvent> listener) {
        boolean takes(String type) {
            return types == null || types.contains(type);
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** Adds a listener of every event; returns a handle that removes it. */
    public AutoCloseable subscribe(Consumer<ProxyEvent> listener) {
        return add(new Subscription(null, listener));
    }

    /** Adds a listener of the given event types only; returns a handle that removes it. */
    public AutoCloseable subscribe(Set<String> types, Consumer<ProxyEvent> listener) {
        return add(new Subscription(Set.copyOf(types), listener));
    }

    /** Whether anybody listens to events of {@code type}. */
    public boolean wants(String type) {
        for (Subscription subscription : subscriptions) {
            if (subscription.takes(type)) {
                return true;
            }
        }
        return false;
    }

    public void publish(ProxyEvent event) {
        String type = event.type();
        for (Subscription subscription : subscriptions) {
            if (!subscription.takes(type)) {
                continue;
            }
            try {
                subscription.listener().accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", type, e);
            }
        }
    }

    private AutoCloseable add(Subscription subscription) {
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }
}
