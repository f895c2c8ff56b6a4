package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/** {@code GET /proxies/{proxy}}: one proxy with its toxics. 200, or 404 when there is none. */
final class GetProxyHandler implements Endpoint {
    private final ProxyRegistry registry;

    GetProxyHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        return ApiResponse.json(200, ProxyJson.of(registry.get(call.param("proxy")), registry, call.listing()));
    }
}
