package dev.faultlab.emulator;

import java.util.concurrent.CompletableFuture;

/**
 * One device of a {@link Fleet} and its two timers, both on the device's thread: the delayed start
 * and the publish plan, which publishes only while the device is connected (QoS 1/2 through the
 * outbox as usual, so a device never piles up messages while it is away).
 */
final class FleetMember {
    private final Device device;
    private final Scheduler scheduler;
    private final PublishPlan plan;
    private final long startDelayMillis;
    private Scheduler.Timer startTimer;
    private Scheduler.Timer publishTimer;
    private long sequence;
    private boolean stopped;

    FleetMember(Device device, Scheduler scheduler, PublishPlan plan, long startDelayMillis) {
        this.device = device;
        this.scheduler = scheduler;
        this.plan = plan;
        this.startDelayMillis = startDelayMillis;
    }

    Device device() {
        return device;
    }

    void start() {
        scheduler.execute(() -> {
            if (!stopped && startTimer == null) {
                startTimer = scheduler.schedule(startDelayMillis, this::boot);
            }
        });
    }

    /** Stops the device; completes on the device's thread once it is stopped. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            stopped = true;
            cancel(startTimer);
            cancel(publishTimer);
            device.stop();
            done.complete(null);
        });
        return done;
    }

    private void boot() {
        device.start();
        if (plan != null) {
            publishTimer = scheduler.schedule(plan.intervalMillis(), this::publish);
        }
    }

    private void publish() {
        if (stopped) {
            return;
        }
        if (device.state() == DeviceState.CONNECTED) {
            device.publish(plan.topicFor(device.clientId()), plan.payload(sequence++), plan.qos(), false);
        }
        publishTimer = scheduler.schedule(plan.intervalMillis(), this::publish);
    }

    private static void cancel(Scheduler.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
