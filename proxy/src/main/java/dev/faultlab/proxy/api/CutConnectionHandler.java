package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ApiException;
import dev.faultlab.proxy.control.LiveConnections;

/**
 * {@code DELETE /connections/{id}?mode=fin|rst}: cuts the connection with that id, or else every
 * connection of that client id, on both sides: {@code fin} (the default) closes gracefully after
 * what was already written, {@code rst} resets at once (SO_LINGER 0). The close cause is
 * {@code api_cut}. 204 once the cut is queued on the connections' event loops; 404
 * {@code connection not found}; 400 for another mode.
 */
final class CutConnectionHandler implements Endpoint {
    private final LiveConnections connections;

    CutConnectionHandler(LiveConnections connections) {
        this.connections = connections;
    }

    @Override
    public Reply handle(ApiCall call) {
        String mode = call.query("mode");
        boolean reset;
        if (mode == null || mode.equals("fin")) {
            reset = false;
        } else if (mode.equals("rst")) {
            reset = true;
        } else {
            throw ApiException.badRequest("mode must be fin or rst, got " + mode);
        }
        connections.cut(call.param("id"), reset);
        return ApiResponse.noContent();
    }
}
