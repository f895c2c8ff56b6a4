package dev.faultlab.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started service running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes
 * it from a shutdown hook, so that everything stops cleanly before the process exits.
 */
final class UntilStopped {
    private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);

    private UntilStopped() {
    }

    /** Blocks the calling thread for as long as the process runs; {@code service} is closed on exit. */
    static void run(String what, AutoCloseable service) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping {}", what);
            try {
                service.close();
                LOG.info("{} stopped", what);
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly", what, e);
            } finally {
                closed.countDown();
            }
        }, "faultlab-shutdown"));
        closed.await();
    }
}
