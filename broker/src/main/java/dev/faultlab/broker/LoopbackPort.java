package dev.faultlab.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Starts a child server on a loopback port: the one asked for, checked to be free first (a program
 * already listening there would pass for the child), or for port 0 a free one, picked by binding
 * and releasing it. Another program may take a free port between the pick and the child's bind;
 * that costs one more attempt on a new free port.
 */
public final class LoopbackPort {
    /** One start of a server on a given port: the process, or null when the port was taken. */
    @FunctionalInterface
    public interface Attempt {
        ChildProcess start(int port) throws IOException;
    }

    private LoopbackPort() {
    }

    /**
     * Starts {@code name} on 127.0.0.1:{@code port}, or for port 0 on a free port (one more attempt on
     * another if it was taken meanwhile).
     *
     * @throws IllegalStateException when the port is taken, or two free ports were
     */
    public static ChildProcess start(String name, int port, Attempt attempt) throws IOException {
        if (port != 0) {
            if (!isFree(port)) {
                throw new IllegalStateException(name + ": port " + port + " on 127.0.0.1 is taken");
            }
            return bound(attempt.start(port), name + ": port " + port + " is taken");
        }
        ChildProcess first = attempt.start(free());
        return first != null ? first
                : bound(attempt.start(free()), name + ": two free loopback ports were taken before it could bind");
    }

    private static ChildProcess bound(ChildProcess started, String otherwise) {
        if (started == null) {
            throw new IllegalStateException(otherwise);
        }
        return started;
    }

    /** Whether nothing listens on 127.0.0.1:{@code port} now (something that does would pass for the child). */
    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return probe.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
