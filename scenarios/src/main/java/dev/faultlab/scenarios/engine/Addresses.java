package dev.faultlab.scenarios.engine;

/**
 * Addresses from the proxy's API ({@code host:port}, as {@code listen} and {@code upstream} show
 * them) turned into ones to connect to: a wildcard bind is reached on loopback.
 */
final class Addresses {
    private Addresses() {
    }

    /** A host to connect to and a port. */
    record Address(String host, int port) {
    }

    static Address connectable(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String reachable = switch (bare) {
            case "0.0.0.0", "", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
            default -> bare;
        };
        return new Address(reachable, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
