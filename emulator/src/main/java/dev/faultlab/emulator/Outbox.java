package dev.faultlab.emulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The esp-mqtt outbox: an in-RAM FIFO of items waiting for their ack, kept across disconnects. Items
 * expire T_exp after their first transmission; never-sent items wait for a connection.
 */
final class Outbox {
    private final Map<Integer, OutboxItem> items = new LinkedHashMap<>();

    void add(OutboxItem item) {
        items.put(item.msgId, item);
    }

    boolean contains(int msgId) {
        return items.containsKey(msgId);
    }

    int size() {
        return items.size();
    }

    /** The stored packets' lengths added up, as {@code outbox_get_size} reports them. */
    long storedBytes(boolean mqtt5) {
        long total = 0;
        for (OutboxItem item : items.values()) {
            total += item.length(mqtt5);
        }
        return total;
    }

    /** The oldest item never sent, or null. */
    OutboxItem oldestQueued() {
        for (OutboxItem item : items.values()) {
            if (!item.transmitted()) {
                return item;
            }
        }
        return null;
    }

    /** The oldest item sent at least once and not yet acked, or null. */
    OutboxItem oldestTransmitted() {
        for (OutboxItem item : items.values()) {
            if (item.transmitted()) {
                return item;
            }
        }
        return null;
    }

    /** The item with {@code msgId} if it is of {@code kind}, else null. */
    OutboxItem find(int msgId, OutboxItem.Kind kind) {
        OutboxItem item = items.get(msgId);
        return item != null && item.kind == kind ? item : null;
    }

    /** Removes and returns the item with {@code msgId} if it is of {@code kind}, else null. */
    OutboxItem remove(int msgId, OutboxItem.Kind kind) {
        OutboxItem item = find(msgId, kind);
        if (item != null) {
            items.remove(msgId);
        }
        return item;
    }

    /** Removes and returns the items sent {@code expiry} or longer ago. */
    List<OutboxItem> removeExpired(long now, long expiry) {
        List<OutboxItem> expired = new ArrayList<>();
        for (Iterator<OutboxItem> it = items.values().iterator(); it.hasNext(); ) {
            OutboxItem item = it.next();
            if (item.expired(now, expiry)) {
                expired.add(item);
                it.remove();
            }
        }
        return expired;
    }
}
