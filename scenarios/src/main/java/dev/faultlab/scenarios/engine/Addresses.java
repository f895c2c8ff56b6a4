package dev.faultlab.scenarios.engine;

/** Turns a listen address into one to connect to: a wildcard bind is reached on loopback. */
final class Addresses {
    private Addresses() {
    }

    static String reachable(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return switch (bare) {
            case "0.0.0.0", "", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
            default -> bare;
        };
    }
}
