package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/** {@code DELETE /proxies/{proxy}/toxics/{toxic}}: removes the toxic from live connections. 204. */
final class DeleteToxicHandler implements Endpoint {
    private final ProxyRegistry registry;

    DeleteToxicHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        registry.removeToxic(call.param("proxy"), call.param("toxic"));
        return ApiResponse.noContent();
    }
}
