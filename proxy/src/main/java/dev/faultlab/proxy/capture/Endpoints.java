package dev.faultlab.proxy.capture;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The two ends of one captured TCP conversation: the side that connected first (the client, or
 * the proxy towards the broker) and the side that accepted. Addresses are raw bytes of one family:
 * when one end is IPv6 and the other IPv4, the IPv4 one is written IPv4-mapped.
 */
record Endpoints(byte[] firstAddress, int firstPort, byte[] secondAddress, int secondPort) {

    static Endpoints of(InetSocketAddress first, InetSocketAddress second) {
        InetAddress a = first.getAddress();
        InetAddress b = second.getAddress();
        boolean v4 = a instanceof Inet4Address && b instanceof Inet4Address;
        return new Endpoints(bytes(a, v4), first.getPort(), bytes(b, v4), second.getPort());
    }

    private static byte[] bytes(InetAddress address, boolean v4) {
        byte[] raw = address.getAddress();
        if (v4 || raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
