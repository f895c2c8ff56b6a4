package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/** {@code GET /proxies/{proxy}/toxics/{toxic}}: one toxic with all its attributes. 200. */
final class GetToxicHandler implements Endpoint {
    private final ProxyRegistry registry;

    GetToxicHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        return ApiResponse.json(200,
                ToxicJson.of(registry.toxic(call.param("proxy"), call.param("toxic")), registry));
    }
}
