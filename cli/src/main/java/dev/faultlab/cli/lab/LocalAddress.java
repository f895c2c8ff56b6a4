package dev.faultlab.cli.lab;

import dev.faultlab.proxy.net.HostPort;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a client on this machine reaches a bound address: through loopback when it is a wildcard
 * ({@code 0.0.0.0}, {@code ::}).
 */
public final class LocalAddress {
    private LocalAddress() {
    }

    /** {@code bound} ({@code host:port}), with 127.0.0.1 for a wildcard host. */
    public static String of(String bound) {
        HostPort address = HostPort.parse(bound);
        return isWildcard(address.host()) ? new HostPort("127.0.0.1", address.port()).toString() : bound;
    }

    private static boolean isWildcard(String host) {
        try {
            return host.isEmpty() || InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
