package dev.faultlab.proxy.control;

import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.net.ProxyListener;
import dev.faultlab.proxy.toxic.ToxicSet;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One named proxy under control: its configuration, its toxics and, while enabled, its listener.
 * Guarded by the {@link ProxyRegistry}'s lock; only {@link #toxics} is read by the data plane.
 */
final class ManagedProxy {
    private final DataPlane plane;
    private final String name;
    private String listen;
    private String upstream;
    private boolean enabled;
    private boolean hang;
    private volatile ToxicSet toxics = ToxicSet.EMPTY;
    private ProxyListener listener;

    ManagedProxy(DataPlane plane, String name, String listen, String upstream) {
        this.plane = plane;
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
    }

    String name() {
        return name;
    }

    String listen() {
        return listen;
    }

    String upstream() {
        return upstream;
    }

    boolean enabled() {
        return enabled;
    }

    ToxicSet toxics() {
        return toxics;
    }

    /** Binds the listener; a failure leaves the proxy stopped and is a 500. */
    void start() {
        if (enabled) {
            return;
        }
        ProxyListener fresh = new ProxyListener(plane, name, parseUpstream(upstream), () -> toxics);
        fresh.hang(hang);
        try {
            fresh.bind(parseListen(listen));
        } catch (ProxyListener.BindException e) {
            throw new ApiException(500, e.getMessage(), e);
        }
        listener = fresh;
        enabled = true;
    }

    boolean hang() {
        return hang;
    }

    /**
     * Accept-and-hang mode: new clients are accepted and never answered (no upstream connection);
     * turning it off closes the clients it held. Kept while the proxy is disabled.
     */
    void hang(boolean on) {
        hang = on;
        if (listener != null) {
            listener.hang(on);
        }
    }

    /** Stops listening and closes every connection. */
    void stop() {
        if (!enabled) {
            return;
        }
        listener.close(CloseCause.PROXY_STOPPED);
        listener = null;
        enabled = false;
    }

    /** Applies a new listen and/or upstream address; a real change restarts a running listener. */
    void readdress(String newListen, String newUpstream) {
        if (newListen != null) {
            parseListen(newListen);
        }
        if (newUpstream != null) {
            parseUpstream(newUpstream);
        }
        boolean listenChanged = newListen != null && !sameListen(newListen);
        boolean upstreamChanged = newUpstream != null && !newUpstream.equals(upstream);
        if (!listenChanged && !upstreamChanged) {
            return;
        }
        boolean wasEnabled = enabled;
        stop();
        String oldListen = listen;
        String oldUpstream = upstream;
        if (listenChanged) {
            listen = newListen;
        }
        if (upstreamChanged) {
            upstream = newUpstream;
        }
        if (wasEnabled) {
            try {
                start();
            } catch (ApiException e) {
                listen = oldListen;
                upstream = oldUpstream;
                throw e;
            }
        }
    }

    /**
     * Replaces the toxic set and hands it to every connection. Returns a future completed when all
     * connections use it; the caller bounds its wait, so a stuck peer never hangs the API.
     */
    CompletableFuture<Void> setToxics(ToxicSet set) {
        toxics = set;
        ProxyListener current = listener;
        return current == null ? CompletableFuture.completedFuture(null) : current.apply(set);
    }

    Collection<Connection> connections() {
        ProxyListener current = listener;
        return current == null ? List.of() : current.connections();
    }

    ProxyState state() {
        String shown = enabled ? listener.boundAddress() : listen;
        return new ProxyState(name, shown, upstream, enabled, hang, toxics.all());
    }

    /** Whether {@code candidate} names the address already in use (or configured). */
    private boolean sameListen(String candidate) {
        if (candidate.equals(listen)) {
            return true;
        }
        if (!enabled) {
            return false;
        }
        if (candidate.equals(listener.boundAddress())) {
            return true;
        }
        HostPort wanted = parseListen(candidate);
        HostPort bound = HostPort.parse(listener.boundAddress());
        if (wanted.port() != bound.port()) {
            return false;
        }
        InetSocketAddress resolved = wanted.toSocketAddress();
        InetSocketAddress current = bound.toSocketAddress();
        return !resolved.isUnresolved() && resolved.getAddress().equals(current.getAddress());
    }

    static HostPort parseListen(String listen) {
        try {
            return HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad request body: invalid listen address: " + e.getMessage(), e);
        }
    }

    static HostPort parseUpstream(String upstream) {
        try {
            return HostPort.parse(upstream);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad request body: invalid upstream address: " + e.getMessage(), e);
        }
    }
}
