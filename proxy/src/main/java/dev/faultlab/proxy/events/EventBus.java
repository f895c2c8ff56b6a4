package dev.faultlab.proxy.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to listeners (metrics, the {@code /events} stream, the journal, in-process
 * observers). Publishing runs on the connection's event loop: listeners must be quick and never
 * block; slow consumers queue on their own side with a bound.
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<ProxyEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; returns a handle that removes it. */
    public Subscription subscribe(Consumer<ProxyEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    public void publish(ProxyEvent event) {
        for (Consumer<ProxyEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.type(), e);
            }
        }
    }

    /** Removes its listener from the bus when closed; closing twice does nothing more. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
