package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.LiveConnections;

/**
 * {@code GET /connections/{id}}: one live connection, by connection id or else by client id (the
 * newest connection of that client). 200, or 404 {@code connection not found}.
 */
final class GetConnectionHandler implements Endpoint {
    private final LiveConnections connections;

    GetConnectionHandler(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Reply handle(ApiCall call) {
        return ApiResponse.json(200, ConnectionJson.of(connections.get(call.param("id"))));
    }
}
