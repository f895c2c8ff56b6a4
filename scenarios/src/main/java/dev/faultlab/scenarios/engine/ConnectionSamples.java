package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP state of a proxy's connections, polled from {@code GET /connections?proxy=} every 100 ms
 * while a run lasts (HTTP only, so it works against a remote lab too): per connection its client id,
 * the window the device advertises to the proxy ({@code window_down}) and the bytes the proxy passed
 * towards the device that its TCP has not had acknowledged ({@code backlog_down}). The figures
 * {@code backlog_peak}, {@code window_shrink} and {@code window_min} are computed from them. At
 * most {@link #MAX_SAMPLES} are kept.
 */
final class ConnectionSamples implements AutoCloseable {
    static final long POLL_MILLIS = 100;
    /**
     * Samples kept at most (about 10 MB), the oldest dropped first: a long run against a large bench
     * must not grow without bound; 30 devices keep the last 100 minutes.
     */
    static final int MAX_SAMPLES = 200_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSamples.class);

    /**
     * One connection in one poll.
     *
     * @param nanos       when the answer arrived ({@code System.nanoTime()})
     * @param windowDown  bytes; null when the proxy cannot tell (or does not report it)
     * @param backlogDown bytes; null when the proxy cannot tell (or does not report it)
     */
    record Sample(long nanos, long connection, String clientId, Long windowDown, Long backlogDown) {
    }

    private final ProxyApi api;
    private final String proxy;
    private final Predicate<String> clients;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "faultlab-connection-samples");
        thread.setDaemon(true);
        return thread;
    });

    private ConnectionSamples(ProxyApi api, String proxy, Predicate<String> clients) {
        this.api = api;
        this.proxy = proxy;
        this.clients = clients;
    }

    /**
     * Starts polling the connections of {@code proxy}, keeping those whose client id {@code clients}
     * accepts (a lab's other devices are not kept); the first poll is now.
     */
    static ConnectionSamples start(ProxyApi api, String proxy, Predicate<String> clients) {
        ConnectionSamples samples = new ConnectionSamples(api, proxy, clients);
        samples.poller.scheduleWithFixedDelay(samples::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return samples;
    }

    private void poll() {
        JsonNode connections;
        try {
            connections = api.connections(proxy);
        } catch (ProxyApi.ProxyApiException e) {
            LOG.debug("polling /connections of {}: {}", proxy, e.getMessage());
            return;
        }
        long now = System.nanoTime();
        List<Sample> taken = new ArrayList<>();
        for (JsonNode connection : connections) {
            String clientId = connection.path("client_id").asText(null);
            if (clientId != null && clients.test(clientId)) {
                taken.add(new Sample(now, connection.path("id").asLong(), clientId,
                        bytes(connection.path("window_down")), bytes(connection.path("backlog_down"))));
            }
        }
        synchronized (samples) {
            samples.addAll(taken);
            while (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
    }

    private static Long bytes(JsonNode field) {
        return field.isNumber() ? field.asLong() : null;
    }

    /** The samples taken so far that {@code filter} accepts, oldest first. */
    List<Sample> select(Predicate<Sample> filter) {
        synchronized (samples) {
            return samples.stream().filter(filter).toList();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
