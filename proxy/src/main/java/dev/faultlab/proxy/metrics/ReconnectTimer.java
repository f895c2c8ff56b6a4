package dev.faultlab.proxy.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How long a client took to come back: when a client id's connection closes, the time is kept;
 * that client id's next accepted CONNACK (code 0), on any connection of the same proxy, takes it
 * and measures the gap. Refused or failed attempts in between close connections too, but the clock
 * keeps running from the first close, so the gap is the whole time the client had no session. Bounded for fleets: an entry older than {@code expiry} is forgotten, and
 * past {@code capacity} entries the oldest go first, so 10,000 churning devices cannot grow it
 * without end. Called from many event loops, rarely (once per close and per CONNACK): synchronised.
 */
final class ReconnectTimer {
    static final Duration EXPIRY = Duration.ofHours(1);
    static final int CAPACITY = 100_000;

    private record Client(String proxy, String clientId) {
    }

    private final Duration expiry;
    private final int capacity;
    private final LinkedHashMap<Client, Instant> closedAt = new LinkedHashMap<>();

    ReconnectTimer() {
        this(EXPIRY, CAPACITY);
    }

    ReconnectTimer(Duration expiry, int capacity) {
        this.expiry = expiry;
        this.capacity = capacity;
    }

    /** A connection of {@code clientId} closed at {@code at}. */
    synchronized void closed(String proxy, String clientId, Instant at) {
        forgetOld(at);
        closedAt.putIfAbsent(new Client(proxy, clientId), at);
        forgetOld(at);
    }

    /** {@code clientId} was accepted at {@code at}: the time since its last close, if one is known. */
    synchronized Optional<Duration> accepted(String proxy, String clientId, Instant at) {
        forgetOld(at);
        Instant closed = closedAt.remove(new Client(proxy, clientId));
        return closed == null ? Optional.empty() : Optional.of(Duration.between(closed, at));
    }

    synchronized int size() {
        return closedAt.size();
    }

    private void forgetOld(Instant now) {
        Instant oldest = now.minus(expiry);
        Iterator<Map.Entry<Client, Instant>> entries = closedAt.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Client, Instant> entry = entries.next();
            if (closedAt.size() <= capacity && !entry.getValue().isBefore(oldest)) {
                return;
            }
            entries.remove();
        }
    }
}
