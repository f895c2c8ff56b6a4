package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one screen {@code faultlab up} prints: what listens where, and how to point a board at the
 * proxy (its broker URI, and how to let boards on the LAN in when the proxy listens on loopback).
 */
final class LabScreen {
    private LabScreen() {
    }

    static String render(Lab lab) {
        return render(lab, List.of());
    }

    /** The screen with {@code moreServices} (whole lines) listed after the proxy's own. */
    static String render(Lab lab, List<String> moreServices) {
        HostPort listen = HostPort.parse(lab.proxyAddress());
        String api = "http://" + lab.server().apiAddress();
        StringBuilder screen = new StringBuilder();
        screen.append("faultlab lab is up\n");
        screen.append("  MQTT proxy   ").append(lab.proxyAddress()).append("  (proxy \"").append(Lab.PROXY_NAME)
                .append("\")\n");
        screen.append("  broker       ").append(lab.upstream())
                .append(lab.embeddedBroker() ? "  (embedded HiveMQ CE: MQTT 3.1, 3.1.1, 5)\n" : "\n");
        screen.append("  control API  ").append(api).append("  (Toxiproxy API)\n");
        screen.append("  metrics      ").append(api).append("/metrics\n");
        screen.append("  events       ").append(api).append("/events  (server-sent events; clients: ").append(api)
                .append("/connections)\n");
        moreServices.forEach(line -> screen.append(line).append('\n'));
        screen.append('\n');
        screen.append("Point a board at it: set its broker URI to mqtt://<this machine's address>:")
                .append(listen.port()).append('\n');
        screen.append(reach(listen)).append('\n');
        screen.append("Add a fault:  curl -X POST ").append(api).append("/proxies/").append(Lab.PROXY_NAME)
                .append("/toxics -d '{\"type\":\"latency\",\"attributes\":{\"latency\":1000}}'\n");
        screen.append("Ctrl-C stops everything.\n");
        return screen.toString();
    }

    private static String reach(HostPort listen) {
        InetAddress address;
        try {
            address = InetAddress.getByName(listen.host().isEmpty() ? "0.0.0.0" : listen.host());
        } catch (UnknownHostException e) {
            return "  (listen host " + listen.host() + " does not resolve)";
        }
        if (address.isLoopbackAddress()) {
            return "  It listens on loopback only: to accept boards from the LAN, start it with --listen 0.0.0.0:"
                    + listen.port();
        }
        if (address.isAnyLocalAddress()) {
            List<String> own = ownAddresses();
            return own.isEmpty() ? "  It listens on every interface."
                    : "  It listens on every interface; this machine's addresses: " + String.join(", ", own);
        }
        return "  It listens on " + address.getHostAddress() + " only.";
    }

    /** The IPv4 addresses of this machine's interfaces that are up, loopback excepted. */
    private static List<String> ownAddresses() {
        List<String> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        addresses.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return addresses;
    }
}
