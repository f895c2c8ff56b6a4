package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ToxicRequest;

/**
 * {@code POST} or {@code PATCH /proxies/{proxy}/toxics/{toxic}}: merges {@code attributes} key by
 * key and takes {@code toxicity} if present; name, type and stream in the body are ignored. 200.
 */
final class UpdateToxicHandler implements Endpoint {
    private final ProxyRegistry registry;

    UpdateToxicHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        ToxicRequest request = Json.read(call.body(), ToxicRequest.class);
        ToxicRequest changes = request == null ? new ToxicRequest(null, null, null, null, null) : request;
        return ApiResponse.json(200, ToxicJson.of(
                registry.updateToxic(call.param("proxy"), call.param("toxic"), changes), registry));
    }
}
