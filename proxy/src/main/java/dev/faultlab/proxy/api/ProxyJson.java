package dev.faultlab.proxy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.control.ProxyRegistry;
import java.util.List;

/**
 * A proxy as Toxiproxy shows it: {@code {"name","listen","upstream","enabled","toxics":[…]}}, with
 * {@code listen} the bound address while enabled, and {@code "hang":true} only while the proxy is in
 * accept-and-hang mode, so Toxiproxy's clients see the shape they know. The toxics are those the client may be shown
 * ({@link ToxicListing}).
 */
@JsonPropertyOrder({"name", "listen", "upstream", "enabled", "hang", "toxics"})
record ProxyJson(String name, String listen, String upstream, boolean enabled,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hang, List<ToxicJson> toxics) {

    static ProxyJson of(ProxyState state, ProxyRegistry registry, ToxicListing listing) {
        List<ToxicJson> toxics = listing.filter(state.toxics()).stream().map(def -> ToxicJson.of(def, registry))
                .toList();
        return new ProxyJson(state.name(), state.listen(), state.upstream(), state.enabled(),
                state.hang() ? Boolean.TRUE : null, toxics);
    }

    static List<ProxyJson> all(List<ProxyState> states, ProxyRegistry registry, ToxicListing listing) {
        return states.stream().map(state -> of(state, registry, listing)).toList();
    }
}
