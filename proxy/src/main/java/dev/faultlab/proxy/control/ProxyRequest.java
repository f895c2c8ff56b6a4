package dev.faultlab.proxy.control;

/**
 * A proxy as a client sends it (create, update, populate entry). Every field may be absent (null):
 * creation requires name and upstream; an update changes only what is present.
 */
public record ProxyRequest(String name, String listen, String upstream, Boolean enabled) {
}
