package dev.faultlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The far end of a benchmark, on 127.0.0.1 and a free port, a thread per connection (a handful of
 * connections): either echoes every byte or reads and discards everything.
 */
final class LoopbackServer implements AutoCloseable {
    enum Mode { ECHO, DISCARD }

    private final ServerSocket server;
    private final Mode mode;

    LoopbackServer(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "bench-" + mode.name().toLowerCase());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread worker = new Thread(() -> serve(socket), "bench-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (mode == Mode.ECHO) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the benchmark closed its side
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
