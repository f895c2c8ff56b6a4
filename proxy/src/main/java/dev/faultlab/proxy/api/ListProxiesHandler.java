package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyState;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /proxies}: every proxy, as a JSON object keyed by name, keys sorted. 200. */
final class ListProxiesHandler implements Endpoint {
    private final ProxyRegistry registry;

    ListProxiesHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        Map<String, ProxyJson> byName = new LinkedHashMap<>();
        for (ProxyState state : registry.list()) {
            byName.put(state.name(), ProxyJson.of(state, registry, call.listing()));
        }
        return ApiResponse.json(200, byName);
    }
}
