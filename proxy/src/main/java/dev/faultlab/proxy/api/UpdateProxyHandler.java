package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;

/**
 * {@code POST} or {@code PATCH /proxies/{proxy}}: partial update of listen, upstream, enabled and hang
 * (only the fields present; a name in the body is ignored). 200 with the proxy.
 */
final class UpdateProxyHandler implements Endpoint {
    private final ProxyRegistry registry;

    UpdateProxyHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        ProxyRequest request = Json.read(call.body(), ProxyRequest.class);
        ProxyRequest changes = request == null ? new ProxyRequest(null, null, null, null) : request;
        return ApiResponse.json(200, ProxyJson.of(registry.update(call.param("proxy"), changes), registry,
                call.listing()));
    }
}
