package dev.faultlab.proxy.toxic.mqtt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many more CONNECTs an {@code mqtt_connack} toxic refuses, shared by every connection of its
 * proxy (each on its own event loop, hence atomic). Created with the toxic and handed on to its
 * updates while {@code count} stays the same; not an attribute.
 */
final class RefusalBudget {
    private final long count;
    private final AtomicLong left;

    /** A budget of {@code count} refusals; 0 refuses every CONNECT. */
    RefusalBudget(long count) {
        this.count = count;
        this.left = new AtomicLong(count);
    }

    /** Takes one refusal; false once the budget is spent. */
    boolean take() {
        return count == 0 || left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Refusals left; -1 when unlimited. */
    long left() {
        return count == 0 ? -1 : left.get();
    }

    @Override
    public String toString() {
        return "RefusalBudget[" + (count == 0 ? "unlimited" : left.get() + " of " + count) + "]";
    }
}
