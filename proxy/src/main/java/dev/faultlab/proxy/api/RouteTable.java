package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.util.URIUtil;

/**
 * Routes: a method and a path pattern ({@code /proxies/{proxy}}, one segment per parameter) to an
 * endpoint. A path no route matches is a 404, a path matched under another method a 405; both
 * are thrown as {@link ApiException} like every other error.
 */
final class RouteTable {
    private final List<Route> routes = new ArrayList<>();

    RouteTable add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, segments(pattern), endpoint));
        return this;
    }

    /**
     * The endpoint for {@code method} on {@code encodedPath}, with the path parameters it binds.
     * Segments are split before decoding, so a proxy name may hold any character.
     */
    Bound find(String method, String encodedPath) {
        List<String> parts = segments(encodedPath).stream().map(URIUtil::decodePath).toList();
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(parts);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Bound(route.endpoint(), params);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, "not found");
        }
        throw new MethodNotAllowed(allowed);
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }

    /** A route found for a request: its endpoint and the decoded path parameters. */
    record Bound(Endpoint endpoint, Map<String, String> params) {
    }

    /** A 405 that knows the methods the path does accept, for the {@code Allow} header. */
    static final class MethodNotAllowed extends ApiException {
        private static final long serialVersionUID = 1L;
        private final String allow;

        MethodNotAllowed(Set<String> allowed) {
            super(405, "method not allowed");
            this.allow = String.join(", ", allowed);
        }

        String allow() {
            return allow;
        }
    }

    private record Route(String method, List<String> pattern, Endpoint endpoint) {

        /** The parameters bound by {@code path}, or null when it does not match. */
        Map<String, String> match(List<String> path) {
            if (path.size() != pattern.size()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String want = pattern.get(i);
                String got = path.get(i);
                if (want.startsWith("{") && want.endsWith("}")) {
                    if (got.isEmpty()) {
                        return null;
                    }
                    params.put(want.substring(1, want.length() - 1), got);
                } else if (!want.equals(got)) {
                    return null;
                }
            }
            return params;
        }
    }
}
