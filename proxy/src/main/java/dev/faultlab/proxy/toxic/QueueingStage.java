package dev.faultlab.proxy.toxic;

import java.util.ArrayDeque;

/**
 * A stage that holds chunks in a first-in first-out queue and lets the head (or a piece of it)
 * leave at a time its toxic decides: the common part of latency, bandwidth, slicer and slow_close.
 *
 * <p>Only the head is ever timed, and only once per piece ({@link #due}), so chunks leave in order
 * and a random delay is rolled once. One timer at most is pending, set through the context, so
 * nothing blocks. On {@link #drain()} and {@link #replaced()} everything held is forwarded at once,
 * in order; on {@link #discard()} it is dropped.
 */
abstract class QueueingStage implements ToxicStage {
    /** Returned by {@link #due} to hold the head until the stage is drained. */
    static final long HOLD = Long.MAX_VALUE;

    protected final ToxicContext context;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private ToxicContext.Cancellable timer;
    private boolean headTimed;
    private long headDue;

    QueueingStage(ToxicContext context) {
        this.context = context;
    }

    /**
     * The time ({@link ToxicContext#nanoTime()} scale) at which the head's next piece may leave, or
     * {@link #HOLD}. Called once per piece, when it reaches the head of the queue.
     */
    protected abstract long due(Chunk head);

    /** The piece of {@code head} that leaves now: the head itself, or a {@link Chunk#split} of it. */
    protected Chunk take(Chunk head) {
        return head;
    }

    @Override
    public final void accept(Chunk chunk) {
        queue.addLast(chunk);
        if (timer == null) {
            pump();
        }
    }

    /** Forwards every piece that is due, then waits for the next one. */
    private void pump() {
        timer = null;
        while (!queue.isEmpty()) {
            Chunk head = queue.peekFirst();
            long now = context.nanoTime();
            if (!headTimed) {
                headDue = due(head);
                headTimed = true;
            }
            if (headDue == HOLD) {
                return;
            }
            if (headDue > now) {
                timer = context.schedule(headDue - now, this::pump);
                return;
            }
            headTimed = false;
            Chunk piece = take(head);
            if (piece == head) {
                queue.pollFirst();
            }
            context.forward(piece);
        }
    }

    @Override
    public void drain() {
        stopTimer();
        while (!queue.isEmpty()) {
            context.forward(queue.pollFirst());
        }
    }

    @Override
    public void discard() {
        stopTimer();
        while (!queue.isEmpty()) {
            context.drop(queue.pollFirst());
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        headTimed = false;
    }
}
