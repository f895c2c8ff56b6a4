package dev.faultlab.scenarios.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Everything a scenario run has seen, in arrival order; steps look into it and wait on it. Sources
 * append from their own threads; waiting uses the log's monitor, woken by every append.
 */
public final class EventLog {
    private final List<Observed> events = new ArrayList<>();

    public synchronized void add(Observed event) {
        events.add(event);
        notifyAll();
    }

    /** The events received in {@code [fromNanos, toNanos]} that {@code test} accepts. */
    public synchronized List<Observed> between(long fromNanos, long toNanos, Predicate<Observed> test) {
        List<Observed> found = new ArrayList<>();
        for (Observed event : events) {
            if (event.nanos() - fromNanos >= 0 && event.nanos() - toNanos <= 0 && test.test(event)) {
                found.add(event);
            }
        }
        return found;
    }

    /**
     * Waits until an event received at or after {@code fromNanos} is accepted by {@code test}, up to
     * {@code deadlineNanos}.
     *
     * @return the first such event, or empty when the deadline passed without one
     */
    public synchronized Optional<Observed> await(long fromNanos, long deadlineNanos, Predicate<Observed> test)
            throws InterruptedException {
        int scanned = 0;
        while (true) {
            for (; scanned < events.size(); scanned++) {
                Observed event = events.get(scanned);
                if (event.nanos() - fromNanos >= 0 && event.nanos() - deadlineNanos <= 0 && test.test(event)) {
                    return Optional.of(event);
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
