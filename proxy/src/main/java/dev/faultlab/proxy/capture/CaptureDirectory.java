package dev.faultlab.proxy.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --capture DIR}: every connection gets a pcap file in the directory (see
 * {@link FileCaptureSink} for the name), written by one {@link CaptureWriterThread}. Opening
 * creates the directory if missing and checks that it can be written. Closing writes what is
 * queued and stops the writer; the connections' files should have ended first.
 */
public final class CaptureDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureDirectory.class);

    private final Path path;
    private final CaptureWriterThread writer;
    /** The files open now; touched only by the writer thread. */
    private final Set<FileCaptureSink> open = new HashSet<>();

    private CaptureDirectory(Path path, long maxQueuedBytes) {
        this.path = path;
        this.writer = new CaptureWriterThread(maxQueuedBytes, this::flushAll);
    }

    /**
     * Creates {@code dir} if needed and captures into it from now on.
     *
     * @throws IOException with a message naming the directory when it cannot be created or written
     */
    public static CaptureDirectory open(Path dir) throws IOException {
        return open(dir, CaptureWriterThread.DEFAULT_MAX_QUEUED_BYTES);
    }

    static CaptureDirectory open(Path dir, long maxQueuedBytes) throws IOException {
        Path absolute = dir.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
            Files.delete(Files.createTempFile(absolute, ".faultlab-capture-", ".probe"));
        } catch (IOException e) {
            throw new IOException("capture directory " + absolute + " is not writable: " + e, e);
        }
        LOG.info("capturing every connection to {}", absolute);
        return new CaptureDirectory(absolute, maxQueuedBytes);
    }

    public Path path() {
        return path;
    }

    /** A new file sink for connection {@code connection} of {@code proxy}, opened at {@code since}. */
    public CaptureSink newFile(String proxy, long connection, Instant since) {
        return new FileCaptureSink(this, proxy, connection, since);
    }

    /** Records dropped because the writer fell behind, since the start. */
    public long droppedRecords() {
        return writer.droppedRecords();
    }

    CaptureWriterThread writer() {
        return writer;
    }

    void opened(FileCaptureSink file) {
        open.add(file);
    }

    void closed(FileCaptureSink file) {
        open.remove(file);
    }

    private void flushAll() {
        for (FileCaptureSink file : List.copyOf(open)) {
            file.flush();
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
