package dev.faultlab.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A plain-socket upstream for tests, on 127.0.0.1 and a free port, that takes bytes and sends
 * none: it counts what it receives (with a CRC of the stream, for tests with one connection), the
 * {@link System#nanoTime()} of the last read, and how connections ended. Built stalled, it accepts
 * connections and never reads them, so TCP pushes back on the proxy.
 */
public final class SinkServer implements AutoCloseable {
    private final SocketAcceptor acceptor;
    private final AtomicLong received = new AtomicLong();
    private final CRC32 crc = new CRC32();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile long lastReadAt;

    /** A sink that reads everything. */
    public SinkServer() throws IOException {
        this(true);
    }

    /** A sink that reads everything, or (stalled) never reads. */
    public SinkServer(boolean reading) throws IOException {
        acceptor = new SocketAcceptor("sink-server", reading ? this::drain : socket -> { });
    }

    public String address() {
        return acceptor.address();
    }

    /** Bytes received so far, over all connections. */
    public long received() {
        return received.get();
    }

    /** The CRC32 of the bytes received (meaningful with a single connection). */
    public long crc() {
        synchronized (crc) {
            return crc.getValue();
        }
    }

    /** When the last bytes were read, in {@link System#nanoTime()}. */
    public long lastReadAt() {
        return lastReadAt;
    }

    /** Connections that ended with a FIN. */
    public int ended() {
        return ended.get();
    }

    /** Connections that ended with an error (a reset). */
    public int failed() {
        return failed.get();
    }

    private void drain(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (crc) {
                    crc.update(buffer, 0, n);
                }
                lastReadAt = System.nanoTime();
                received.addAndGet(n);
            }
            ended.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        acceptor.close();
    }
}
