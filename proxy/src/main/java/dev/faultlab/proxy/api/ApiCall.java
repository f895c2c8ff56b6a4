package dev.faultlab.proxy.api;

import java.util.List;
import java.util.Map;

/**
 * A request as an endpoint sees it: the path parameters of its route (decoded), the query
 * parameters (decoded, every value of each name in order), the raw body bytes, whatever the
 * Content-Type said, and which toxics its client may be shown in listings.
 */
record ApiCall(Map<String, String> params, Map<String, List<String>> query, byte[] body, ToxicListing listing) {

    ApiCall {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
    }

    /** The path parameter {@code name} of the matched route. */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    /** The first value of the query parameter {@code name}, or null when the query has none. */
    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
