package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.LiveConnections;

/**
 * {@code GET /connections}: every live connection (of proxy {@code ?proxy=NAME} only, a 404 when
 * there is no such proxy) as a JSON array by connection id. 200.
 */
final class ListConnectionsHandler implements Endpoint {
    private final LiveConnections connections;

    ListConnectionsHandler(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Reply handle(ApiCall call) {
        String proxy = call.query("proxy");
        return ApiResponse.json(200, connections.list(proxy == null || proxy.isEmpty() ? null : proxy).stream()
                .map(ConnectionJson::of)
                .toList());
    }
}
