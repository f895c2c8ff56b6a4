package dev.faultlab.proxy.toxic;

import dev.faultlab.proxy.mqtt.FrameLayout;

/**
 * Turns what one toxic stage asks of its context into {@link ToxicAction} counts: data passed on
 * from one of the toxic's timers is {@link ToxicAction#DELAYED}, data passed on while the removed
 * toxic drains is {@link ToxicAction#HELD}; a stage handing its queue to its replacement counts
 * nothing (the replacement will). One per chain node, on the connection's event loop.
 */
final class ActionCount {
    private final ToxicMeter meter;
    private boolean inTimer;
    private boolean draining;

    ActionCount(ToxicMeter meter) {
        this.meter = meter;
    }

    /** Runs a timer task of the toxic: what it passes on was delayed. */
    void timer(Runnable task) {
        inTimer = true;
        try {
            task.run();
        } finally {
            inTimer = false;
        }
    }

    /** Drains the removed toxic: what it passes on was held. */
    void drain(Runnable drain) {
        draining = true;
        try {
            drain.run();
        } finally {
            draining = false;
        }
    }

    void forwarded(Chunk chunk) {
        if (chunk.isEnd()) {
            return;
        }
        if (draining) {
            meter.count(ToxicAction.HELD, units(chunk));
        } else if (inTimer) {
            meter.count(ToxicAction.DELAYED, units(chunk));
        }
    }

    void dropped(Chunk chunk) {
        meter.count(ToxicAction.DROPPED, units(chunk));
    }

    void injected(Chunk chunk) {
        meter.count(ToxicAction.INJECTED, units(chunk));
    }

    void acted(ToxicAction action) {
        meter.count(action, 1);
    }

    /** Packets starting in the chunk when it carries an MQTT layout; the chunk itself otherwise. */
    private static int units(Chunk chunk) {
        FrameLayout layout = chunk.layout();
        if (layout == null || layout.frames().isEmpty() && layout.continuation() == 0) {
            return 1;
        }
        return layout.frames().size();
    }
}
