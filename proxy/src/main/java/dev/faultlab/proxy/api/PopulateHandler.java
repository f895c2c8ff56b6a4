package dev.faultlab.proxy.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.faultlab.proxy.control.ApiException;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;
import java.util.List;

/**
 * {@code POST /populate}: creates or replaces the proxies of a JSON array (the registry checks all
 * entries first and keeps an identical existing proxy). 201 {@code {"proxies":[…]}}; on failure
 * the error's status with {@code {"error","status","proxies":[…]}}, the proxies made before it.
 */
final class PopulateHandler implements Endpoint {
    private static final TypeReference<List<ProxyRequest>> ENTRIES = new TypeReference<>() {
    };

    private final ProxyRegistry registry;

    PopulateHandler(ProxyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        List<ProxyRequest> entries = Json.read(call.body(), ENTRIES);
        ProxyRegistry.PopulateResult result = registry.populate(entries == null ? List.of() : entries);
        List<ProxyJson> proxies = ProxyJson.all(result.proxies(), registry, call.listing());
        ApiException error = result.error();
        if (error == null) {
            return ApiResponse.json(201, new Populated(proxies));
        }
        return ApiResponse.json(error.status(), new PopulateFailed(error.getMessage(), error.status(), proxies));
    }

    /** The success body. */
    record Populated(List<ProxyJson> proxies) {
    }

    /** The failure body: the error and what was created before it. */
    @JsonPropertyOrder({"error", "status", "proxies"})
    record PopulateFailed(String error, int status, List<ProxyJson> proxies) {
    }
}
