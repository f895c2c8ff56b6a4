package dev.faultlab.proxy.control;

import dev.faultlab.proxy.toxic.ToxicScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Separates the scope attributes any toxic may carry ({@code client_id}, {@code username},
 * {@code remote}, {@code after}, {@code duration}) from the type's own attributes, and renders
 * them back: only when set, so a standard toxic without a scope looks exactly as in Toxiproxy.
 */
final class ScopeAttributes {
    private ScopeAttributes() {
    }

    /** The scope given in {@code attributes} laid over {@code base}. */
    static ToxicScope parse(ToxicScope base, Map<String, Object> attributes) {
        if (attributes == null) {
            return base;
        }
        try {
            return new ToxicScope(
                    text(attributes, ToxicScope.CLIENT_ID, base.clientId()),
                    text(attributes, ToxicScope.USERNAME, base.username()),
                    text(attributes, ToxicScope.REMOTE, base.remote()),
                    millis(attributes, ToxicScope.AFTER, base.after()),
                    millis(attributes, ToxicScope.DURATION, base.duration()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad request body: " + e.getMessage());
        }
    }

    /** {@code attributes} without the scope keys (any case). */
    static Map<String, Object> typeAttributes(Map<String, Object> attributes) {
        if (attributes == null) {
            return null;
        }
        Map<String, Object> rest = new LinkedHashMap<>(attributes);
        rest.keySet().removeIf(ScopeAttributes::isScopeKey);
        return rest;
    }

    /** The scope's attributes that restrict something, for rendering after the type's own. */
    static Map<String, Object> render(ToxicScope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!scope.clientId().isEmpty()) {
            out.put(ToxicScope.CLIENT_ID, scope.clientId());
        }
        if (!scope.username().isEmpty()) {
            out.put(ToxicScope.USERNAME, scope.username());
        }
        if (!scope.remote().isEmpty()) {
            out.put(ToxicScope.REMOTE, scope.remote());
        }
        if (scope.after() > 0) {
            out.put(ToxicScope.AFTER, scope.after());
        }
        if (scope.duration() > 0) {
            out.put(ToxicScope.DURATION, scope.duration());
        }
        return out;
    }

    private static boolean isScopeKey(String key) {
        for (String scopeKey : new String[] {ToxicScope.CLIENT_ID, ToxicScope.USERNAME, ToxicScope.REMOTE,
                ToxicScope.AFTER, ToxicScope.DURATION}) {
            if (scopeKey.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static Object find(Map<String, Object> attributes, String key) {
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String text(Map<String, Object> attributes, String key, String fallback) {
        Object value = find(attributes, key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return s;
    }

    private static long millis(Map<String, Object> attributes, String key, long fallback) {
        Object value = find(attributes, key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds");
        }
        return n.longValue();
    }
}
