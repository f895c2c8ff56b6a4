package dev.faultlab.proxy.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a client took to notice a fault: per connection, the faults acting on it now and when
 * each began ({@code fault_applied}, forgotten at {@code fault_cleared}); when the client closes
 * the connection (FIN or RST from the client: only the client's own close shows that it noticed),
 * the time since the most recent of them. Closes by the broker, the proxy or a toxic, and closes
 * with no fault acting, measure nothing. A closed connection is forgotten, so the state is bounded
 * by the live connections with faults. Events of one connection arrive on its event loop.
 */
final class DetectionTimer {
    /** A fault noticed: which toxic, and the time from its start to the client's close. */
    record Detection(String fault, Duration after) {
    }

    private record Applied(String toxic, String direction, Instant at) {
    }

    private final Map<Long, List<Applied>> active = new ConcurrentHashMap<>();

    void applied(long connection, String toxic, String direction, Instant at) {
        active.computeIfAbsent(connection, c -> new ArrayList<>(2)).add(new Applied(toxic, direction, at));
    }

    void cleared(long connection, String toxic, String direction) {
        List<Applied> faults = active.get(connection);
        if (faults != null) {
            faults.removeIf(f -> f.toxic().equals(toxic) && f.direction().equals(direction));
            if (faults.isEmpty()) {
                active.remove(connection);
            }
        }
    }

    /** The connection closed; {@code byClient} when the client closed it (FIN or RST). */
    Optional<Detection> closed(long connection, boolean byClient, Instant at) {
        List<Applied> faults = active.remove(connection);
        if (!byClient || faults == null || faults.isEmpty()) {
            return Optional.empty();
        }
        Applied latest = faults.get(0);
        for (Applied fault : faults) {
            if (fault.at().isAfter(latest.at())) {
                latest = fault;
            }
        }
        return Optional.of(new Detection(latest.toxic(), Duration.between(latest.at(), at)));
    }
}
