package dev.faultlab.proxy.api;

import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicTypes;
import java.util.List;
import java.util.Set;

/**
 * Which toxics a client is shown where toxics are listed (a proxy's {@code toxics}, and
 * {@code GET /proxies/{proxy}/toxics}). toxiproxy-java maps each listed type to its fixed enum of
 * Toxiproxy's types and throws on any other, so a request whose User-Agent starts with
 * {@code Java/} (HttpURLConnection's default, which it sends) sees only the standard toxics; every
 * other client sees all. A toxic asked for by name is always shown.
 */
enum ToxicListing {
    ALL,
    STANDARD_ONLY;

    private static final Set<String> STANDARD = ToxicTypes.standard().names();

    static ToxicListing forUserAgent(String userAgent) {
        return userAgent != null && userAgent.startsWith("Java/") ? STANDARD_ONLY : ALL;
    }

    List<ToxicDefinition> filter(List<ToxicDefinition> toxics) {
        return this == ALL ? toxics : toxics.stream().filter(def -> STANDARD.contains(def.type())).toList();
    }
}
