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
 * building a per-packet event, so one nobody listens to costs nothing. Publishing runs on the
 * connection's event loop: listeners must be quick and never block; slow consumers queue on their
 * own side with a bound.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Listener(Set<String> types, Consumer<ProxyEvent> consumer) {
        boolean takes(String type) {
            return types == null || types.contains(type);
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener of every event; returns a handle that removes it. */
    public Subscription subscribe(Consumer<ProxyEvent> listener) {
        return add(new Listener(null, listener));
    }

    /** Adds a listener of the given event types only; returns a handle that removes it. */
    public Subscription subscribe(Set<String> types, Consumer<ProxyEvent> listener) {
        return add(new Listener(Set.copyOf(types), listener));
    }

    /** Whether any listener is subscribed. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Whether anybody listens to events of {@code type}. */
    public boolean wants(String type) {
        for (Listener listener : listeners) {
            if (listener.takes(type)) {
                return true;
            }
        }
        return false;
    }

    public void publish(ProxyEvent event) {
        String type = event.type();
        for (Listener listener : listeners) {
            if (!listener.takes(type)) {
                continue;
            }
            try {
                listener.consumer().accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", type, e);
            }
        }
    }

    private Subscription add(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Removes its listener from the bus when closed; closing twice does nothing more. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
