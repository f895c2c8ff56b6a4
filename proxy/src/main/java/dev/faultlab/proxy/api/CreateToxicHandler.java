package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ToxicRequest;

/**
 * {@code POST /proxies/{proxy}/toxics}: adds a toxic from
 * {@code {"name","type","stream","toxicity","attributes"}} (defaults: downstream, toxicity 1, name
 * {@code <type>_<stream>}) at the end of its direction's chain. 200 with the toxic, as Toxiproxy.
 */
final class CreateToxicHandler implements Endpoint {
    private final ProxyRegistry registry;

    CreateToxicHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        ToxicRequest request = Json.read(call.body(), ToxicRequest.class);
        ToxicRequest toxic = request == null ? new ToxicRequest(null, null, null, null, null) : request;
        return ApiResponse.json(200, ToxicJson.of(registry.addToxic(call.param("proxy"), toxic), registry));
    }
}
