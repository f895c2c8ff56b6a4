package dev.faultlab.proxy.api;

import java.util.Map;

/**
 * A request as an endpoint sees it: the path parameters of its route (decoded), the raw body
 * bytes, whatever the Content-Type said, and which toxics its client may be shown in listings.
 */
record ApiCall(Map<String, String> params, byte[] body, ToxicListing listing) {

    ApiCall {
        params = Map.copyOf(params);
    }

    /** The path parameter {@code name} of the matched route. */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }
}
