package dev.faultlab.cli.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Starts a child server on a loopback port: the one asked for, or for port 0 a free one, picked by
 * binding and releasing it. Another program may take a free port between the pick and the child's
 * bind; that costs one more attempt on a new free port.
 */
final class LoopbackPort {
    /** One start of a server on a given port: the process, or null when the port was taken. */
    @FunctionalInterface
    interface Attempt {
        ChildProcess start(int port) throws IOException;
    }

    private LoopbackPort() {
    }

    static ChildProcess start(String name, int port, Attempt attempt) throws IOException {
        if (port != 0) {
            return taken(name, port, attempt.start(port));
        }
        ChildProcess first = attempt.start(free());
        if (first != null) {
            return first;
        }
        return taken(name, 0, attempt.start(free()));
    }

    private static ChildProcess taken(String name, int port, ChildProcess started) {
        if (started == null) {
            throw new IllegalStateException(name + ": " + (port == 0 ? "two free loopback ports were taken"
                    : "port " + port + " is taken") + " before it could bind");
        }
        return started;
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
