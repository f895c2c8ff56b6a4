package dev.faultlab.proxy.control;

/**
 * A proxy as a client sends it (create, update, populate entry). Every field may be absent (null):
 * creation requires name and upstream; an update changes only what is present. {@code hang} (not
 * Toxiproxy's) turns the accept-and-hang mode on or off.
 */
public record ProxyRequest(String name, String listen, String upstream, Boolean enabled, Boolean hang) {

    /** A request as Toxiproxy's API knows it, without {@code hang}. */
    public ProxyRequest(String name, String listen, String upstream, Boolean enabled) {
        this(name, listen, upstream, enabled, null);
    }
}
