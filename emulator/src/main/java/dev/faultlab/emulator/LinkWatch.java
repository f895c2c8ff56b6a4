package dev.faultlab.emulator;

/**
 * The two stall rules of a connected link. Write: a write that makes no progress for N logs
 * {@code Writing didn't complete in specified timeout} and aborts, without an ERROR event (progress
 * is counted in whole packets written). Read: part of a packet that is not followed by more bytes
 * before the next wake-up (P) logs {@code Network timeout while reading MQTT message} and aborts.
 */
final class LinkWatch {
    private final Device device;
    private final Transport.Link link;
    private final Scheduler scheduler;
    private final Timings timings;
    private Scheduler.Timer writeTimer;
    private Scheduler.Timer readTimer;
    private long writeProgress;
    private boolean open = true;

    LinkWatch(Device device, Transport.Link link, Scheduler scheduler) {
        this.device = device;
        this.link = link;
        this.scheduler = scheduler;
        this.timings = device.config().timings();
    }

    /** After each write: starts the write timer if bytes are left unsent. */
    void wrote() {
        if (!open || writeTimer != null || !link.writePending()) {
            return;
        }
        writeProgress = link.writesCompleted();
        writeTimer = scheduler.schedule(timings.network(), this::checkWrites);
    }

    private void checkWrites() {
        writeTimer = null;
        if (!open || !link.writePending()) {
            return;
        }
        if (link.writesCompleted() != writeProgress) {
            wrote();
            return;
        }
        device.log().error("Writing didn't complete in specified timeout");
        device.abort();
    }

    /** Bytes of an unfinished packet arrived: they must be followed by more before the next wake-up. */
    void partialData() {
        if (!open) {
            return;
        }
        if (readTimer != null) {
            readTimer.cancel();
        }
        readTimer = scheduler.schedule(timings.poll(), () -> {
            readTimer = null;
            if (open && link.readingPartialPacket()) {
                device.log().error("Network timeout while reading MQTT message");
                device.abort();
            }
        });
    }

    void stop() {
        open = false;
        if (writeTimer != null) {
            writeTimer.cancel();
        }
        if (readTimer != null) {
            readTimer.cancel();
        }
    }
}
