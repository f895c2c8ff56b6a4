package dev.faultlab.proxy.toxic;

import dev.faultlab.proxy.mqtt.Glob;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which connections a toxic applies to, and when: attributes any toxic may carry besides its own.
 * {@code client_id} and {@code username} are globs ({@code *}, {@code ?}) matched against the
 * session's CONNECT (a connection is matched from the moment its CONNECT is seen; before that, and on
 * plain TCP, a toxic with either does not apply); {@code remote} is the client's address or a CIDR
 * block; {@code after} ms delays the start from the toxic's creation; {@code duration} ms after the
 * start, the toxic removes itself. Empty strings and 0 mean "no restriction".
 */
public record ToxicScope(String clientId, String username, String remote, long after, long duration) {
    public static final ToxicScope ALL = new ToxicScope("", "", "", 0, 0);

    /** The attribute names, as they appear among a toxic's attributes. */
    public static final String CLIENT_ID = "client_id";
    public static final String USERNAME = "username";
    public static final String REMOTE = "remote";
    public static final String AFTER = "after";
    public static final String DURATION = "duration";

    public ToxicScope {
        clientId = clientId == null ? "" : clientId;
        username = username == null ? "" : username;
        remote = remote == null ? "" : remote;
        if (after < 0 || duration < 0) {
            throw new IllegalArgumentException("after and duration must not be negative");
        }
        if (!remote.isEmpty()) {
            Cidr.parse(remote);
        }
    }

    /** Whether the connection's identity is needed (client id or username patterns). */
    public boolean needsSession() {
        return !clientId.isEmpty() || !username.isEmpty();
    }

    /**
     * Whether a connection from {@code remoteAddress} (may be null) with this session identity
     * (null when no CONNECT was seen) is in scope.
     */
    public boolean matches(String remoteAddress, String sessionClientId, String sessionUsername, boolean sessionKnown) {
        if (!remote.isEmpty() && (remoteAddress == null || !Cidr.parse(remote).contains(remoteAddress))) {
            return false;
        }
        if (needsSession() && !sessionKnown) {
            return false;
        }
        return glob(clientId, sessionClientId) && glob(username, sessionUsername);
    }

    private static boolean glob(String pattern, String value) {
        return pattern.isEmpty() || Glob.of(pattern).matches(value);
    }

    /** An address block: an address and a prefix length ({@code 192.0.2.0/24}, {@code ::1}). */
    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            byte[] address = literal(host);
            int prefix;
            try {
                prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("remote " + text + ": invalid prefix length", e);
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("remote " + text + ": invalid prefix length");
            }
            return new Cidr(address, prefix);
        }

        boolean contains(String addressText) {
            byte[] address;
            try {
                address = literal(addressText);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] literal(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!bare.matches("[0-9a-fA-F:.]+") || !(bare.contains(".") || bare.contains(":"))) {
                throw new IllegalArgumentException("remote " + host + ": not an IP address or CIDR block");
            }
            try {
                return InetAddress.getByName(bare).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("remote " + host + ": not an IP address", e);
            }
        }
    }
}
