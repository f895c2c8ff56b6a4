package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ApiException;
import dev.faultlab.proxy.control.LiveConnections;
import dev.faultlab.proxy.net.Connection;

/**
 * {@code GET /connections/{id}/capture?seconds=N&max_bytes=B}: a live pcap of the connection with
 * that id (else the newest of that client id) from now on, streamed as
 * {@code application/vnd.tcpdump.pcap}; see {@link CaptureStream}. {@code seconds} (1 to
 * {@value #MAX_SECONDS}, default {@value #MAX_SECONDS}) and {@code max_bytes} (at least
 * {@value #MIN_BYTES}, default {@value #DEFAULT_MAX_BYTES}) bound it; it ends sooner when the
 * connection closes. 404 {@code connection not found}; 400 for a bad bound.
 */
final class CaptureHandler implements Endpoint {
    static final int MAX_SECONDS = 3_600;
    static final long DEFAULT_MAX_BYTES = 1L << 30;
    static final long MIN_BYTES = 24;

    private final LiveConnections connections;

    CaptureHandler(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Reply handle(ApiCall call) {
        long seconds = bounded(call, "seconds", MAX_SECONDS, 1, MAX_SECONDS);
        long maxBytes = bounded(call, "max_bytes", DEFAULT_MAX_BYTES, MIN_BYTES, Long.MAX_VALUE);
        Connection connection = connections.connection(call.param("id"));
        return new CaptureStream(connection, seconds, maxBytes);
    }

    private static long bounded(ApiCall call, String name, long fallback, long min, long max) {
        String value = call.query(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, got " + value);
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return parsed;
    }
}
