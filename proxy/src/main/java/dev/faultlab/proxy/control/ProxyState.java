package dev.faultlab.proxy.control;

import dev.faultlab.proxy.toxic.ToxicDefinition;
import java.util.List;

/**
 * A proxy as the API shows it. {@code listen} is the bound address while the proxy is enabled
 * ({@code localhost:0} becomes {@code 127.0.0.1:<port>}), the address as given while disabled.
 * {@code hang}: new connections are accepted and never answered.
 */
public record ProxyState(String name, String listen, String upstream, boolean enabled, boolean hang,
                         List<ToxicDefinition> toxics) {
}
