package dev.faultlab.proxy.events;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-lines journal of every event ({@code --journal FILE}): one {@link EventJson} object per
 * line, appended to the file. Publishing only queues, never blocks: the queue holds at most
 * {@code capacity} events; past that an event is dropped and counted ({@link #dropped()}), with one
 * warning in the log. One writer thread takes the events off, writes them through a buffer and
 * flushes whenever the queue runs dry (it then waits {@value #IDLE_MILLIS} ms for more) and at
 * least every {@value #FLUSH_MILLIS} ms under a steady flow. Closing unsubscribes, writes what is
 * still queued, flushes and closes the file.
 */
public final class EventJournal implements AutoCloseable {
    /** Events waiting for the writer before new ones are dropped. */
    public static final int DEFAULT_CAPACITY = 10_000;
    static final long IDLE_MILLIS = 20;
    static final long FLUSH_MILLIS = 200;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final byte[] NEWLINE = {'\n'};
    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path file;
    private final OutputStream out;
    private final EventQueue queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final EventBus.Subscription subscription;
    private volatile boolean closing;
    private boolean failed;

    private EventJournal(Path file, OutputStream out, int capacity, EventBus bus) {
        this.file = file;
        this.out = out;
        this.queue = new EventQueue(capacity);
        this.writer = new Thread(this::run, "faultlab-journal");
        writer.setDaemon(true);
        writer.start();
        this.subscription = bus.subscribe(this::enqueue);
    }

    /**
     * Opens (creating it if needed) {@code file} for appending and journals every event of
     * {@code bus} from now on.
     *
     * @throws IOException when the file cannot be opened for writing
     */
    public static EventJournal open(Path file, EventBus bus) throws IOException {
        return open(file, bus, DEFAULT_CAPACITY);
    }

    static EventJournal open(Path file, EventBus bus, int capacity) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), 64 * 1024);
        LOG.info("journaling events to {}", file);
        return new EventJournal(file, out, capacity, bus);
    }

    /** Events dropped because the queue was full or the file could not be written. */
    public long dropped() {
        return dropped.get();
    }

    private void enqueue(ProxyEvent event) {
        if (queue.offer(event)) {
            return;
        }
        if (dropped.getAndIncrement() == 0) {
            LOG.warn("event journal {} cannot keep up: its queue of {} events is full, dropping events",
                    file, queue.capacity());
        }
    }

    private void run() {
        long lastFlush = System.nanoTime();
        while (true) {
            ProxyEvent event = queue.poll();
            if (event != null) {
                write(event);
                if (System.nanoTime() - lastFlush >= TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS)) {
                    flush();
                    lastFlush = System.nanoTime();
                }
                continue;
            }
            flush();
            lastFlush = System.nanoTime();
            if (closing && queue.size() == 0) {
                break;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("event journal {} did not close cleanly: {}", file, e.toString());
        }
    }

    private void write(ProxyEvent event) {
        if (failed) {
            dropped.incrementAndGet();
            return;
        }
        try {
            out.write(EventJson.render(event));
            out.write(NEWLINE);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void flush() {
        if (failed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        failed = true;
        dropped.incrementAndGet();
        LOG.error("event journal {} cannot be written, journaling stops: {}", file, e.toString());
    }

    /** Stops journaling: what is queued is written and the file closed (waits up to 5 s). */
    @Override
    public void close() {
        subscription.close();
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("event journal {} still writing after {} ms; left to finish", file, CLOSE_WAIT_MILLIS);
        }
    }
}
