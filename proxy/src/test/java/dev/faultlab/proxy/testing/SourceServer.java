package dev.faultlab.proxy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain-socket upstream for tests, on 127.0.0.1 and a free port, that speaks first: it writes a
 * given number of bytes to every connection it accepts (blocking while TCP pushes back), then
 * keeps the connection open without reading until closed.
 */
public final class SourceServer implements AutoCloseable {
    private final int bytes;
    private final SocketAcceptor acceptor;

    /** Writes {@code bytes} bytes (a counting pattern) to every connection. */
    public SourceServer(int bytes) throws IOException {
        this.bytes = bytes;
        acceptor = new SocketAcceptor("source-server", this::write);
    }

    public String address() {
        return acceptor.address();
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
        } catch (IOException e) {
            // the client or the proxy went away
        }
    }

    @Override
    public void close() throws IOException {
        acceptor.close();
    }
}
