package dev.faultlab.proxy.events;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded queue of events between the event loops that publish them (many producers, never
 * blocked: {@link #offer} refuses when full) and one consumer that writes them out. Lock-free.
 */
public final class EventQueue {
    private final Queue<ProxyEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    public EventQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds the event unless the queue holds {@code capacity} events already; says which. */
    public boolean offer(ProxyEvent event) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        events.add(event);
        return true;
    }

    /** The oldest event, or null when none is queued. */
    public ProxyEvent poll() {
        ProxyEvent event = events.poll();
        if (event != null) {
            size.decrementAndGet();
        }
        return event;
    }

    public int size() {
        return size.get();
    }

    public int capacity() {
        return capacity;
    }

    /** Forgets every queued event. */
    public void clear() {
        boolean more = true;
        while (more) {
            more = poll() != null;
        }
    }
}
