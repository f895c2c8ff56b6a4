package dev.faultlab.proxy.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The leading labels of a family about a client: {@code proxy} and {@code client_id}, or only
 * {@code proxy} when the client id label is switched off ({@code --metrics-without-client-id}: a
 * large fleet then makes one series per proxy instead of one per device). A client without an id
 * yet (before its CONNECT, plain TCP) has {@code client_id=""}.
 */
final class ClientLabels {
    private final boolean withClientId;

    ClientLabels(boolean withClientId) {
        this.withClientId = withClientId;
    }

    boolean withClientId() {
        return withClientId;
    }

    /** {@code proxy}, {@code client_id} if on, then {@code more}. */
    String[] names(String... more) {
        return join(withClientId ? List.of("proxy", "client_id") : List.of("proxy"), more);
    }

    /** The values matching {@link #names}; a null client id is {@code ""}. */
    String[] values(String proxy, String clientId, String... more) {
        return join(withClientId ? List.of(proxy, clientId == null ? "" : clientId) : List.of(proxy), more);
    }

    private static String[] join(List<String> head, String... more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
