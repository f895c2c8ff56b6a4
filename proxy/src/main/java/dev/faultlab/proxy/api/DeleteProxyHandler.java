package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/** {@code DELETE /proxies/{proxy}}: stops the proxy, closing its connections, and forgets it. 204. */
final class DeleteProxyHandler implements Endpoint {
    private final ProxyRegistry registry;

    DeleteProxyHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        registry.delete(call.param("proxy"));
        return ApiResponse.noContent();
    }
}
