package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;

/**
 * {@code GET /proxies/{proxy}/toxics}: the proxy's toxics as an array, upstream ones then
 * downstream ones, each in insertion order, as far as the client may be shown them
 * ({@link ToxicListing}). 200.
 */
final class ListToxicsHandler implements Endpoint {
    private final ProxyRegistry registry;

    ListToxicsHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        return ApiResponse.json(200, call.listing().filter(registry.toxics(call.param("proxy"))).stream()
                .map(def -> ToxicJson.of(def, registry))
                .toList());
    }
}
