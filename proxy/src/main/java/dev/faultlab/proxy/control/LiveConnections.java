package dev.faultlab.proxy.control;

import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.ConnectionSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live connections of the registry's proxies, for the connections API. Snapshots are taken
 * on each connection's event loop and waited for at most {@link #SNAPSHOT_WAIT_MILLIS} altogether,
 * so a busy loop never hangs a call (a connection that does not answer in time is left out).
 *
 * <p>A connection is addressed by a key: its connection id, or else its client id (the tracker's,
 * which a CONNACK may have assigned), which several connections may share.
 */
public final class LiveConnections {
    static final long SNAPSHOT_WAIT_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveConnections.class);

    private final ProxyRegistry registry;

    public LiveConnections(ProxyRegistry registry) {
        this.registry = registry;
    }

    /** Snapshots of every live connection, or of proxy {@code proxy}'s when not null, by id. */
    public List<ConnectionSnapshot> list(String proxy) {
        return snapshots(proxy == null ? registry.connections() : registry.connections(proxy));
    }

    /**
     * The connection {@code key} names: the one with that id, else the newest with that client id.
     *
     * @throws ApiException 404 when none matches
     */
    public ConnectionSnapshot get(String key) {
        List<ConnectionSnapshot> found = snapshots(matching(key));
        if (found.isEmpty()) {
            throw ApiException.connectionNotFound();
        }
        return found.get(found.size() - 1);
    }

    /**
     * The live connection {@code key} names: the one with that id, else the newest with that client
     * id.
     *
     * @throws ApiException 404 when none matches
     */
    public Connection connection(String key) {
        List<Connection> found = matching(key);
        if (found.isEmpty()) {
            throw ApiException.connectionNotFound();
        }
        return found.get(found.size() - 1);
    }

    /**
     * Closes every connection {@code key} names (the one with that id, else all with that client
     * id) with the {@link CloseCause#API_CUT} cause: FIN after what was already written, or RST.
     * The close is queued on each connection's event loop.
     *
     * @return how many connections were cut
     * @throws ApiException 404 when none matches
     */
    public int cut(String key, boolean reset) {
        List<Connection> targets = matching(key);
        if (targets.isEmpty()) {
            throw ApiException.connectionNotFound();
        }
        for (Connection connection : targets) {
            LOG.info("connection {} of {} cut through the API ({})", connection.id(), connection.proxy(),
                    reset ? "rst" : "fin");
            connection.closeAsync(CloseCause.API_CUT, reset);
        }
        return targets.size();
    }

    private List<Connection> matching(String key) {
        List<Connection> all = registry.connections();
        Long id = parseId(key);
        if (id != null) {
            List<Connection> byId = all.stream().filter(c -> c.id() == id).toList();
            if (!byId.isEmpty()) {
                return byId;
            }
        }
        return all.stream()
                .filter(c -> key.equals(c.session().state().clientId()))
                .sorted(Comparator.comparingLong(Connection::id))
                .toList();
    }

    private static Long parseId(String key) {
        if (key.isEmpty() || key.length() > 18 || !key.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(key);
    }

    private static List<ConnectionSnapshot> snapshots(Collection<Connection> connections) {
        List<CompletableFuture<ConnectionSnapshot>> pending = connections.stream()
                .map(Connection::snapshot)
                .toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SNAPSHOT_WAIT_MILLIS);
        List<ConnectionSnapshot> taken = new ArrayList<>(pending.size());
        for (CompletableFuture<ConnectionSnapshot> snapshot : pending) {
            try {
                ConnectionSnapshot value = snapshot.get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                if (value != null) {
                    taken.add(value);
                }
            } catch (TimeoutException e) {
                LOG.debug("a connection's event loop did not answer within {} ms; left out", SNAPSHOT_WAIT_MILLIS);
            } catch (ExecutionException e) {
                LOG.debug("a connection could not be inspected: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        taken.sort(Comparator.comparingLong(ConnectionSnapshot::id));
        return taken;
    }
}
