package dev.faultlab.proxy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The listening half of the plain-socket test servers: a server socket on 127.0.0.1 and a free
 * port that hands every connection it accepts to a handler on a daemon thread of its own, and on
 * {@link #close} closes the server socket and every accepted socket.
 */
final class SocketAcceptor implements AutoCloseable {
    private final ServerSocket server;
    private final Consumer<Socket> handler;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads;

    /** Accepts from now on; {@code name} names the threads. */
    SocketAcceptor(String name, Consumer<Socket> handler) throws IOException {
        this.handler = handler;
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                threads.execute(() -> handler.accept(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
