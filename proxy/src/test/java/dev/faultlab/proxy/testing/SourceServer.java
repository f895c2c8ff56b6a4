package dev.faultlab.proxy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain-socket upstream for tests, on 127.0.0.1 and a free port, that speaks first: it writes a
 * given number of bytes to every connection it accepts (blocking while TCP pushes back), then
 * keeps the connection open without reading until closed.
 */
public final class SourceServer implements AutoCloseable {
    private final ServerSocket server;
    private final int bytes;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "source-server");
        t.setDaemon(true);
        return t;
    });

    /** Writes {@code bytes} bytes (a counting pattern) to every connection. */
    public SourceServer(int bytes) throws IOException {
        this.bytes = bytes;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                threads.execute(() -> write(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void write(Socket socket) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) i;
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(data);
            out.flush();
        } catch (IOException closed) {
            sockets.remove(socket);
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
