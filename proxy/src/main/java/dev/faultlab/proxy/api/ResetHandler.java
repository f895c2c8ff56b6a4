package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/** {@code POST /reset}: enables every proxy and removes every toxic; connections stay open. 204. */
final class ResetHandler implements Endpoint {
    private final ProxyRegistry registry;

    ResetHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        registry.reset();
        return ApiResponse.noContent();
    }
}
