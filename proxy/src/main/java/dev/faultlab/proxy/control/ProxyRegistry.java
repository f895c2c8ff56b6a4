package dev.faultlab.proxy.control;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicScope;
import dev.faultlab.proxy.toxic.ToxicSet;
import dev.faultlab.proxy.toxic.ToxicTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxies and their toxics: the service behind the Toxiproxy API, with its semantics (see
 * docs/TOXIPROXY-COMPAT in the shared design notes). Control-plane calls are serialised by this
 * object's lock; the data plane never takes it. Toxic changes are handed to each connection's event
 * loop and waited for at most {@link #APPLY_WAIT_MILLIS}, so a stuck connection never hangs a call.
 */
public final class ProxyRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRegistry.class);
    static final long APPLY_WAIT_MILLIS = 1_000;
    private static final String DEFAULT_LISTEN = "127.0.0.1:0";

    private final DataPlane plane;
    private final ToxicTypes types;
    private final Map<String, ManagedProxy> proxies = new TreeMap<>();
    private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "faultlab-toxic-expiry");
        thread.setDaemon(true);
        return thread;
    });

    public ProxyRegistry(DataPlane plane, ToxicTypes types) {
        this.plane = plane;
        this.types = types;
    }

    public ToxicTypes types() {
        return types;
    }

    /** Every proxy, sorted by name. */
    public synchronized List<ProxyState> list() {
        List<ProxyState> states = new ArrayList<>(proxies.size());
        for (ManagedProxy proxy : proxies.values()) {
            states.add(proxy.state());
        }
        return states;
    }

    public synchronized ProxyState get(String name) {
        return find(name).state();
    }

    /** Creates and (unless {@code enabled} is false) starts a proxy. */
    public synchronized ProxyState create(ProxyRequest request) {
        requireFields(request, "");
        if (proxies.containsKey(request.name())) {
            throw ApiException.proxyExists();
        }
        ManagedProxy proxy = build(request);
        proxies.put(proxy.name(), proxy);
        return proxy.state();
    }

    /** Partial update: enabled, listen, upstream and hang as present in {@code request}. */
    public synchronized ProxyState update(String name, ProxyRequest request) {
        ManagedProxy proxy = find(name);
        proxy.readdress(request.listen(), request.upstream());
        if (request.hang() != null) {
            proxy.hang(request.hang());
        }
        if (request.enabled() != null) {
            if (request.enabled()) {
                proxy.start();
            } else {
                proxy.stop();
            }
        }
        return proxy.state();
    }

    public synchronized void delete(String name) {
        ManagedProxy proxy = find(name);
        proxy.stop();
        proxies.remove(name);
    }

    /**
     * Creates many proxies: all entries are checked first; an existing proxy with the same listen
     * and upstream is left as it is; a different one is replaced. Stops at the first failure,
     * keeping what it made.
     */
    public synchronized PopulateResult populate(List<ProxyRequest> requests) {
        for (int i = 0; i < requests.size(); i++) {
            requireFields(requests.get(i), " at proxy " + (i + 1));
        }
        List<ProxyState> done = new ArrayList<>();
        for (ProxyRequest request : requests) {
            ManagedProxy existing = proxies.get(request.name());
            if (existing != null && sameAddresses(existing, request)) {
                done.add(existing.state());
                continue;
            }
            if (existing != null) {
                existing.stop();
                proxies.remove(existing.name());
            }
            try {
                ManagedProxy proxy = build(request);
                proxies.put(proxy.name(), proxy);
                done.add(proxy.state());
            } catch (ApiException e) {
                return new PopulateResult(done, e);
            }
        }
        return new PopulateResult(done, null);
    }

    /** Enables every proxy and removes every toxic; connections stay open. */
    public synchronized void reset() {
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (ManagedProxy proxy : proxies.values()) {
            try {
                proxy.start();
            } catch (ApiException e) {
                LOG.warn("reset: proxy {} could not be enabled: {}", proxy.name(), e.getMessage());
            }
            applied.add(proxy.setToxics(ToxicSet.EMPTY));
        }
        await(CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new)));
    }

    public synchronized List<ToxicDefinition> toxics(String proxy) {
        return find(proxy).toxics().all();
    }

    public synchronized ToxicDefinition toxic(String proxy, String toxic) {
        ToxicDefinition def = find(proxy).toxics().find(toxic);
        if (def == null) {
            throw ApiException.toxicNotFound();
        }
        return def;
    }

    /** Adds a toxic at the end of its direction's chain, live on every connection. */
    public synchronized ToxicDefinition addToxic(String proxyName, ToxicRequest request) {
        ManagedProxy proxy = find(proxyName);
        String streamName = request.stream() == null ? "downstream" : request.stream();
        Direction stream = Direction.parse(streamName);
        if (stream == null) {
            throw ApiException.invalidStream();
        }
        String type = request.type();
        String name = request.name() == null || request.name().isEmpty()
                ? type + "_" + streamName : request.name();
        if (!types.isKnown(type)) {
            throw ApiException.invalidToxicType();
        }
        if (proxy.toxics().find(name) != null) {
            throw ApiException.toxicExists();
        }
        double toxicity = request.toxicity() == null ? 1.0 : request.toxicity();
        ToxicScope scope = ScopeAttributes.parse(ToxicScope.ALL, request.attributes());
        Toxic toxic = parse(type, null, ScopeAttributes.typeAttributes(request.attributes()));
        try {
            toxic.checkStream(stream);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ToxicDefinition def = new ToxicDefinition(name, type, stream, checkToxicity(toxicity), toxic, scope,
                System.nanoTime());
        await(proxy.setToxics(proxy.toxics().plus(def)));
        scheduleExpiry(proxyName, def);
        return def;
    }

    /** Merges attributes key by key and takes a new toxicity if given. */
    public synchronized ToxicDefinition updateToxic(String proxyName, String toxicName, ToxicRequest request) {
        ManagedProxy proxy = find(proxyName);
        ToxicDefinition current = proxy.toxics().find(toxicName);
        if (current == null) {
            throw ApiException.toxicNotFound();
        }
        ToxicDefinition updated = current
                .withToxic(parse(current.type(), current.toxic(), ScopeAttributes.typeAttributes(request.attributes())))
                .withScope(ScopeAttributes.parse(current.scope(), request.attributes()));
        if (request.toxicity() != null) {
            updated = updated.withToxicity(checkToxicity(request.toxicity()));
        }
        await(proxy.setToxics(proxy.toxics().replacing(updated)));
        if (updated.scope().duration() != current.scope().duration()) {
            scheduleExpiry(proxyName, updated);
        }
        return updated;
    }

    public synchronized void removeToxic(String proxyName, String toxicName) {
        ManagedProxy proxy = find(proxyName);
        if (proxy.toxics().find(toxicName) == null) {
            throw ApiException.toxicNotFound();
        }
        await(proxy.setToxics(proxy.toxics().minus(toxicName)));
    }

    /** The attributes of a toxic as the API shows them: the type's, all present, then its scope's. */
    public Map<String, Object> attributes(ToxicDefinition def) {
        Map<String, Object> attributes = new LinkedHashMap<>(types.render(def.toxic()));
        attributes.putAll(ScopeAttributes.render(def.scope()));
        return attributes;
    }

    /** The live connections of every proxy, by proxy name. */
    public synchronized List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        for (ManagedProxy proxy : proxies.values()) {
            all.addAll(proxy.connections());
        }
        return all;
    }

    /** Where the connections of these proxies publish their events. */
    public EventBus events() {
        return plane.events();
    }

    /** The live connections of a proxy. */
    public synchronized Collection<Connection> connections(String proxy) {
        return List.copyOf(find(proxy).connections());
    }

    /**
     * A toxic with a duration removes itself once it has applied that long (from its start, which
     * {@code after} may delay), unless it was removed or its duration changed before.
     */
    private void scheduleExpiry(String proxyName, ToxicDefinition def) {
        if (def.scope().duration() <= 0) {
            return;
        }
        long delayNanos = def.startsAt() + def.scope().duration() * 1_000_000L - System.nanoTime();
        expiries.schedule(() -> expire(proxyName, def), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private synchronized void expire(String proxyName, ToxicDefinition def) {
        ManagedProxy proxy = proxies.get(proxyName);
        if (proxy == null) {
            return;
        }
        ToxicDefinition current = proxy.toxics().find(def.name());
        if (current != null && current.createdAt() == def.createdAt()
                && current.scope().duration() == def.scope().duration()) {
            LOG.info("toxic {} of proxy {} ends after its duration of {} ms", def.name(), proxyName,
                    def.scope().duration());
            await(proxy.setToxics(proxy.toxics().minus(def.name())));
        }
    }

    /** Stops every proxy. */
    @Override
    public synchronized void close() {
        expiries.shutdownNow();
        for (ManagedProxy proxy : proxies.values()) {
            proxy.stop();
        }
        proxies.clear();
    }

    private ManagedProxy build(ProxyRequest request) {
        String listen = request.listen() == null || request.listen().isEmpty() ? DEFAULT_LISTEN : request.listen();
        ManagedProxy.parseListen(listen);
        ManagedProxy.parseUpstream(request.upstream());
        ManagedProxy proxy = new ManagedProxy(plane, request.name(), listen, request.upstream());
        proxy.hang(Boolean.TRUE.equals(request.hang()));
        if (request.enabled() == null || request.enabled()) {
            proxy.start();
        }
        return proxy;
    }

    private static boolean sameAddresses(ManagedProxy proxy, ProxyRequest request) {
        String listen = request.listen() == null || request.listen().isEmpty() ? DEFAULT_LISTEN : request.listen();
        return listen.equals(proxy.listen()) && request.upstream().equals(proxy.upstream());
    }

    private static void requireFields(ProxyRequest request, String where) {
        if (request == null || request.name() == null || request.name().isEmpty()) {
            throw ApiException.badRequest("missing required field: name" + where);
        }
        if (request.upstream() == null || request.upstream().isEmpty()) {
            throw ApiException.badRequest("missing required field: upstream" + where);
        }
    }

    private Toxic parse(String type, Toxic base, Map<String, Object> attributes) {
        try {
            return types.parse(type, base, attributes);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static double checkToxicity(double toxicity) {
        if (Double.isNaN(toxicity) || toxicity < 0 || toxicity > 1) {
            throw ApiException.badRequest("toxicity must be between 0 and 1, got " + toxicity);
        }
        return toxicity;
    }

    private ManagedProxy find(String name) {
        ManagedProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ApiException.proxyNotFound();
        }
        return proxy;
    }

    private static void await(CompletableFuture<Void> applied) {
        try {
            applied.get(APPLY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("toxic change not yet applied on every connection after {} ms; it will be", APPLY_WAIT_MILLIS);
        } catch (ExecutionException e) {
            LOG.warn("toxic change failed on a connection", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outcome of {@link #populate}: what was made, and the error that stopped it, if any. */
    public record PopulateResult(List<ProxyState> proxies, ApiException error) {
    }
}
