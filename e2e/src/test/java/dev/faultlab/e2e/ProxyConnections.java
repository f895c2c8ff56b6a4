package dev.faultlab.e2e;

import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.testing.ProxyFixture;

/** Finds live proxied connections by the client id their CONNECT named. */
final class ProxyConnections {
    private ProxyConnections() {
    }

    static Connection of(ProxyFixture proxy, String proxyName, String clientId) {
        return proxy.registry().connections(proxyName).stream()
                .filter(c -> clientId.equals(c.session().state().clientId())).findFirst()
                .orElseThrow(() -> new AssertionError("no live connection of client " + clientId));
    }
}
