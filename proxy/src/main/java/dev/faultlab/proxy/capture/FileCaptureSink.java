package dev.faultlab.proxy.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture file of one connection under {@code --capture DIR}:
 * {@code <proxy>-<connection id>-<client id or "tcp">-<UTC start, yyyyMMdd'T'HHmmss'Z'>.pcap}, named
 * once the client is known, written by the {@link CaptureWriterThread} while the connection lives
 * and closed when it ends, with one INFO line in the log. Characters other than letters, digits,
 * {@code .}, {@code _} and {@code -} in the names become {@code _}.
 */
final class FileCaptureSink implements CaptureSink {
    private static final Logger LOG = LoggerFactory.getLogger(FileCaptureSink.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NAME_PART = 64;

    private final CaptureDirectory directory;
    private final String proxy;
    private final long connection;
    private final Instant since;
    private final AtomicLong dropped = new AtomicLong();
    private Path file;
    private OutputStream out;
    private long written;

    FileCaptureSink(CaptureDirectory directory, String proxy, long connection, Instant since) {
        this.directory = directory;
        this.proxy = proxy;
        this.connection = connection;
        this.since = since;
    }

    /** The file name for a client id (null: plain TCP). */
    String fileName(String clientId) {
        String client = clientId == null || clientId.isEmpty() ? "tcp" : clientId;
        return safe(proxy) + "-" + connection + "-" + safe(client) + "-" + STAMP.format(since) + ".pcap";
    }

    @Override
    public boolean namedByClient() {
        return true;
    }

    @Override
    public void begin(String clientId) {
        Path target = directory.path().resolve(fileName(clientId));
        directory.writer().submit(() -> open(target));
    }

    @Override
    public void records(byte[] batch, int count) {
        if (!directory.writer().submitRecords(new Batch(batch), count)) {
            dropped.addAndGet(count);
        }
    }

    @Override
    public void end() {
        directory.writer().submit(this::close);
    }

    @Override
    public boolean done() {
        return false;
    }

    /** On the writer thread: flushes what is buffered. */
    void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void open(Path target) {
        try {
            out = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024);
            file = target;
            write(PcapRecords.FILE_HEADER);
            directory.opened(this);
        } catch (IOException e) {
            LOG.error("capture file {} cannot be created: {}", target, e.toString());
        }
    }

    private void write(byte[] bytes) {
        if (out == null) {
            return;
        }
        try {
            out.write(bytes);
            written += bytes.length;
        } catch (IOException e) {
            fail(e);
        }
    }

    private void close() {
        if (out == null) {
            return;
        }
        directory.closed(this);
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("capture file {} did not close cleanly: {}", file, e.toString());
        }
        out = null;
        long lost = dropped.get();
        LOG.info("connection {} of {} captured to {} ({} bytes{})", connection, proxy, file, written,
                lost == 0 ? "" : ", " + lost + " records dropped");
    }

    private void fail(IOException e) {
        LOG.error("capture file {} cannot be written, its capture stops: {}", file, e.toString());
        directory.closed(this);
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one reported
        }
        out = null;
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > MAX_NAME_PART ? cleaned.substring(0, MAX_NAME_PART) : cleaned;
    }

    /** A record batch on its way to this file. */
    private final class Batch implements CaptureWriterThread.Work {
        private final byte[] bytes;

        Batch(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void run() {
            write(bytes);
        }

        @Override
        public int bytes() {
            return bytes.length;
        }
    }
}
