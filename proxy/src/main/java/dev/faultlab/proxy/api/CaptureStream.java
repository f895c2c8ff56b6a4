package dev.faultlab.proxy.api;

import dev.faultlab.proxy.capture.CaptureSink;
import dev.faultlab.proxy.net.Connection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open {@code GET /connections/{id}/capture}: the pcap file header, then the connection's
 * capture records as the event loop formats them, until the connection closes, {@code seconds}
 * pass, the next records would pass {@code maxBytes}, or the client leaves. Only whole records are
 * written.
 *
 * <p>Nothing is written, the response headers included, before the connection's event loop has
 * attached the stream (its handshake records wake the writer), so what the client sends after the
 * headers arrived is in the capture. The event loop only queues record batches (at most {@value #MAX_QUEUED_BYTES} bytes) and wakes
 * the writer on Jetty's pool, which writes asynchronously, one write in flight. A client that reads
 * slower than the connection's traffic fills the queue and its stream is ended, not buffered.
 */
final class CaptureStream implements Reply, CaptureSink {
    static final String CONTENT_TYPE = "application/vnd.tcpdump.pcap";
    static final int MAX_QUEUED_BYTES = 8 * 1024 * 1024;
    private static final int MAX_WRITE_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureStream.class);

    private final Connection connection;
    private final long seconds;
    private final long maxBytes;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean connectionEnded;
    private volatile boolean done;
    private volatile String stopReason;
    private Writer writer;

    CaptureStream(Connection connection, long seconds, long maxBytes) {
        this.connection = connection;
        this.seconds = seconds;
        this.maxBytes = maxBytes;
    }

    /** The file name offered to the client: {@code conn-<id>-<client id or "tcp">.pcap}. */
    static String fileName(long id, String clientId) {
        String client = clientId == null || clientId.isEmpty() ? "tcp" : clientId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "conn-" + id + "-" + client + ".pcap";
    }

    @Override
    public void send(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\""
                + fileName(connection.id(), connection.session().state().clientId()) + "\"");
        writer = new Writer(request, response, callback);
        request.addFailureListener(writer::abort);
        Scheduler.Task timer = request.getComponents().getScheduler()
                .schedule(() -> stop("its " + seconds + " s are over"), seconds, TimeUnit.SECONDS);
        writer.timer = timer;
        connection.capture(this);
    }

    /** The file name was chosen when the response started. */
    @Override
    public void begin(String clientId) {
        wake();
    }

    @Override
    public void records(byte[] batch, int count) {
        if (done) {
            return;
        }
        if (queuedBytes.addAndGet(batch.length) > MAX_QUEUED_BYTES) {
            stop("it fell " + MAX_QUEUED_BYTES + " bytes behind");
            return;
        }
        queue.add(batch);
        wake();
    }

    @Override
    public void end() {
        connectionEnded = true;
        wake();
    }

    @Override
    public boolean done() {
        return done;
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        done = true;
        wake();
    }

    private void wake() {
        Writer current = writer;
        if (current != null && wakePending.compareAndSet(false, true)) {
            try {
                current.executor.execute(() -> {
                    wakePending.set(false);
                    current.iterate();
                });
            } catch (RejectedExecutionException e) {
                current.abort(e);
            }
        }
    }

    /** Writes the header, then batches, then the end of the response; one write in flight. */
    private final class Writer extends IteratingCallback {
        private final Response response;
        private final Callback callback;
        private final Executor executor;
        private final String client;
        private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        private volatile Scheduler.Task timer;
        private long written;
        private boolean headerWritten;
        private boolean finishing;

        Writer(Request request, Response response, Callback callback) {
            this.response = response;
            this.callback = callback;
            this.executor = request.getComponents().getExecutor();
            this.client = String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress());
        }

        @Override
        protected Action process() {
            if (finishing) {
                return Action.SUCCEEDED;
            }
            if (!headerWritten) {
                headerWritten = true;
                return write(false, CaptureSink.fileHeader());
            }
            boolean over = done;
            byte[] next = over ? new byte[0] : collect();
            if (next.length > 0) {
                return write(false, next);
            }
            if (over || connectionEnded) {
                finishing = true;
                LOG.debug("capture of connection {} for {} ended: {}", connection.id(), client,
                        over ? stopReason : "the connection closed");
                return write(true, new byte[0]);
            }
            return Action.IDLE;
        }

        /** Queued batches up to one write's worth, stopping (done) before one that would pass max bytes. */
        private byte[] collect() {
            chunk.reset();
            byte[] batch;
            while (chunk.size() < MAX_WRITE_BYTES && (batch = queue.peek()) != null) {
                if (written + chunk.size() + batch.length > maxBytes) {
                    stop("it reached " + maxBytes + " bytes");
                    break;
                }
                queue.poll();
                queuedBytes.addAndGet(-batch.length);
                chunk.writeBytes(batch);
            }
            return chunk.toByteArray();
        }

        private Action write(boolean last, byte[] bytes) {
            written += bytes.length;
            response.write(last, ByteBuffer.wrap(bytes), this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            finish();
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            finish();
            LOG.debug("capture of connection {} for {} failed: {}", connection.id(), client, cause.toString());
            callback.failed(cause);
        }

        private void finish() {
            done = true;
            Scheduler.Task task = timer;
            if (task != null) {
                task.cancel();
            }
            queue.clear();
            connection.captureDone();
        }
    }
}
