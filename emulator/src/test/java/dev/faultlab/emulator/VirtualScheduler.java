package dev.faultlab.emulator;

import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time: the clock moves only in {@link #advance}, which runs every
 * task that falls due on the way, in time order (ties in scheduling order). {@code execute} runs at
 * once: the test thread is the device's thread.
 */
final class VirtualScheduler implements Scheduler {
    private record Task(long at, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        boolean[] cancelled = new boolean[1];
        tasks.add(new Task(now + Math.max(0, delayMillis), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    /** Moves the clock forward by {@code millis}, running every task due on the way. */
    void advance(long millis) {
        long target = now + millis;
        while (!tasks.isEmpty() && tasks.peek().at <= target) {
            Task task = tasks.poll();
            if (!task.cancelled[0]) {
                now = task.at;
                task.run.run();
            }
        }
        now = target;
    }

    /** Moves the clock to {@code at} (no-op when already past it). */
    void advanceTo(long at) {
        advance(Math.max(0, at - now));
    }
}
