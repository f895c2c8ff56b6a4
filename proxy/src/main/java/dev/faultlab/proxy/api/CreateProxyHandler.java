package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;

/**
 * {@code POST /proxies}: creates a proxy from {@code {"name","listen","upstream","enabled"}}
 * (enabled by default) and answers 201 with it; a duplicate name is a 409, a bind failure a 500.
 */
final class CreateProxyHandler implements Endpoint {
    private final ProxyRegistry registry;

    CreateProxyHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        ProxyRequest request = Json.read(call.body(), ProxyRequest.class);
        return ApiResponse.json(201, ProxyJson.of(registry.create(request), registry, call.listing()));
    }
}
