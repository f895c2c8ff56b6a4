package dev.faultlab.proxy.capture;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes every capture file, so the event loops never touch a disk. Work is
 * queued in order per file (open, records, close); record batches are bounded by bytes altogether:
 * past {@code maxQueuedBytes} a batch is dropped and its records counted
 * ({@link #droppedRecords()}), with one warning in the log. Opening and closing are never dropped.
 * The files flush whenever the queue runs dry.
 */
public final class CaptureWriterThread implements AutoCloseable {
    /** Record bytes queued for the disk before batches are dropped. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 32L * 1024 * 1024;
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final long IDLE_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(CaptureWriterThread.class);

    /** One step of the writer: runs on its thread. */
    interface Work {
        void run();

        /** Bytes the step holds while queued (record batches), 0 for the rest. */
        default int bytes() {
            return 0;
        }
    }

    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final long maxQueuedBytes;
    private final Thread thread;
    private final Runnable idle;
    private volatile boolean closing;

    /** @param idle runs on the writer thread whenever the queue runs dry (flushing the open files) */
    CaptureWriterThread(long maxQueuedBytes, Runnable idle) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.idle = idle;
        this.thread = new Thread(this::run, "faultlab-capture");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a step that must happen (open, close): never dropped. */
    void submit(Work work) {
        queue.add(work);
    }

    /** Queues a record batch, or drops it when the queue holds too many bytes; false when dropped. */
    boolean submitRecords(Work batch, int records) {
        int size = batch.bytes();
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            if (dropped.getAndAdd(records) == 0) {
                LOG.warn("capture files cannot keep up: {} bytes queued, dropping records", maxQueuedBytes);
            }
            return false;
        }
        queue.add(batch);
        return true;
    }

    /** Records dropped because the queue was full, since the start. */
    public long droppedRecords() {
        return dropped.get();
    }

    private void run() {
        while (true) {
            Work work = queue.poll();
            if (work == null) {
                idle.run();
                if (closing) {
                    return;
                }
                try {
                    work = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (work == null) {
                    continue;
                }
            }
            queuedBytes.addAndGet(-work.bytes());
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("capture writer step failed", e);
            }
        }
    }

    /** Writes what is queued and stops (waits up to 5 s). */
    @Override
    public void close() {
        closing = true;
        queue.add(() -> { });
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("capture writer still busy after {} ms; left to finish", CLOSE_WAIT_MILLIS);
        }
    }
}
