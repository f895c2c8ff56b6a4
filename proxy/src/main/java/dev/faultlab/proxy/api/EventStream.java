package dev.faultlab.proxy.api;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.EventFilter;
import dev.faultlab.proxy.events.EventJson;
import dev.faultlab.proxy.events.EventQueue;
import dev.faultlab.proxy.events.ProxyEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open {@code GET /events} stream: the selected events as server-sent events, each an
 * {@code event: <type>} line and a {@code data: <json>} line ({@link EventJson}) and a blank line,
 * plus a comment line every heartbeat interval, which keeps idle timeouts away and finds clients
 * that left. The stream lasts until the client leaves or falls behind.
 *
 * <p>Backpressure: the event loops only put events into this subscriber's bounded
 * {@link EventQueue} and, when the writer is idle, hand it to Jetty's thread pool; they never
 * render, write or wait. The writer renders the queued events in batches of up to
 * {@value #MAX_BATCH_BYTES} bytes and writes them asynchronously, one write in flight at a time.
 * When the queue overflows (the client reads slower than events come) the subscriber is dropped:
 * it leaves the bus, its queue is emptied, a last {@code event: overflow} goes out and the response
 * ends. A failed write (the client left) ends it the same way, without the last event.
 */
final class EventStream implements Reply {
    static final int MAX_BATCH_BYTES = 64 * 1024;
    static final String CONTENT_TYPE = "text/event-stream;charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final byte[] OPENING = ": faultlab events\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final EventBus bus;
    private final EventFilter filter;
    private final int capacity;
    private final Duration heartbeat;

    /**
     * @param capacity events queued for this client before it is dropped
     * @param heartbeat the interval of the comment lines
     */
    EventStream(EventBus bus, EventFilter filter, int capacity, Duration heartbeat) {
        this.bus = bus;
        this.filter = filter;
        this.capacity = capacity;
        this.heartbeat = heartbeat;
    }

    @Override
    public void send(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        new Subscriber(request, response, callback).start(request);
    }

    /** One client's queue and writer; lives from the first write to the end of the response. */
    private final class Subscriber extends IteratingCallback {
        private final Response response;
        private final Callback callback;
        private final Executor executor;
        private final Scheduler scheduler;
        private final String client;
        private final EventQueue queue = new EventQueue(capacity);
        private final AtomicBoolean wakePending = new AtomicBoolean();
        private final AtomicBoolean heartbeatDue = new AtomicBoolean();
        private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
        private volatile boolean overflowed;
        private volatile boolean ended;
        private volatile EventBus.Subscription subscription;
        private volatile Scheduler.Task heartbeatTask;
        private boolean opened;
        private boolean closing;

        Subscriber(Request request, Response response, Callback callback) {
            this.response = response;
            this.callback = callback;
            this.executor = request.getComponents().getExecutor();
            this.scheduler = request.getComponents().getScheduler();
            this.client = String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress());
        }

        void start(Request request) {
            Set<String> types = filter.busTypes();
            subscription = types == null ? bus.subscribe(filter.open(this::enqueue))
                    : bus.subscribe(types, filter.open(this::enqueue));
            request.addFailureListener(this::abort);
            scheduleHeartbeat();
            iterate();
        }

        /** On an event loop: queue the event and wake the writer; never blocks. */
        private void enqueue(ProxyEvent event) {
            if (overflowed) {
                return;
            }
            if (!queue.offer(event)) {
                overflowed = true;
            }
            wake();
        }

        private void wake() {
            if (ended || !wakePending.compareAndSet(false, true)) {
                return;
            }
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                abort(e);
            }
        }

        private void drain() {
            wakePending.set(false);
            iterate();
        }

        private void scheduleHeartbeat() {
            if (!ended) {
                heartbeatTask = scheduler.schedule(this::beat, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void beat() {
            heartbeatDue.set(true);
            wake();
            scheduleHeartbeat();
        }

        @Override
        protected Action process() {
            if (closing) {
                return Action.SUCCEEDED;
            }
            if (!opened) {
                opened = true;
                return write(false, OPENING);
            }
            if (overflowed) {
                closing = true;
                subscription.close();
                queue.clear();
                LOG.info("event stream of {} dropped: it fell {} events behind", client, capacity);
                return write(true, overflow());
            }
            byte[] events = render();
            if (events.length > 0) {
                return write(false, events);
            }
            if (heartbeatDue.getAndSet(false)) {
                return write(false, HEARTBEAT);
            }
            return Action.IDLE;
        }

        private Action write(boolean last, byte[] bytes) {
            response.write(last, ByteBuffer.wrap(bytes), this);
            return Action.SCHEDULED;
        }

        private byte[] render() {
            batch.reset();
            while (batch.size() < MAX_BATCH_BYTES) {
                ProxyEvent event = queue.poll();
                if (event == null) {
                    break;
                }
                batch.writeBytes(("event: " + event.type() + "\ndata: ").getBytes(StandardCharsets.UTF_8));
                batch.writeBytes(EventJson.render(event));
                batch.write('\n');
                batch.write('\n');
            }
            return batch.toByteArray();
        }

        private byte[] overflow() {
            String data = "{\"type\":\"overflow\",\"time\":\"" + Instant.now() + "\",\"capacity\":" + capacity + "}";
            return ("event: overflow\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void onCompleteSuccess() {
            end();
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            end();
            LOG.debug("event stream of {} ended: {}", client, cause.toString());
            callback.failed(cause);
        }

        private void end() {
            ended = true;
            subscription.close();
            Scheduler.Task task = heartbeatTask;
            if (task != null) {
                task.cancel();
            }
            queue.clear();
        }
    }
}
