package dev.faultlab.emulator;

/**
 * Time for a device: a millisecond clock, one-shot timers and a way onto the device's thread. All of
 * a device's logic runs through its scheduler, so a virtual implementation makes every timer rule
 * testable without sleeping.
 */
public interface Scheduler {

    /** A pending timer. */
    interface Timer {
        void cancel();
    }

    /** Monotonic time in milliseconds. */
    long nowMillis();

    /** Runs {@code task} on the device's thread after {@code delayMillis} (0 or less: soon). */
    Timer schedule(long delayMillis, Runnable task);

    /** Runs {@code task} on the device's thread: now if called from it, else as soon as possible. */
    void execute(Runnable task);
}
