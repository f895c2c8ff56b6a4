package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The common part of the MQTT faults: a stage that acts packet by packet. It walks each chunk's
 * {@link FrameLayout}, asks the fault once per packet what its {@link Fate} is, and cuts the chunk
 * at packet boundaries only where neighbouring packets' fates differ, so a chunk in which nothing
 * matches goes on whole. Chunks without a layout (plain TCP, raw passthrough) pass unchanged.
 *
 * <p>A packet may continue into later chunks (a large PUBLISH read in pieces): the stage counts the
 * bytes still to come and gives its continuation the fate of its start, so a dropped, held or
 * delayed packet is dropped, held or delayed whole. Leading continuation bytes of a packet that began
 * before the stage started pass.
 *
 * <p>Queued packets ({@link Fate#QUEUE}) leave in arrival order, each when {@link #due} says, while
 * other packets pass at once. The output never interleaves two packets: a passing packet overtakes
 * queued ones only when it is whole in its chunk; one that arrives in pieces while packets are
 * queued is collected and goes on once complete. The end of the stream waits behind whatever is
 * queued. On {@link #drain()} everything held goes on in order; on {@link #discard()} it is dropped.
 */
abstract class PacketStage implements ToxicStage {
    /** Returned by {@link #due} to keep a queued packet until the stage is drained. */
    static final long HOLD = Long.MAX_VALUE;

    /** What happens to one packet, its continuation included. */
    enum Fate {
        /** Goes on now. */
        PASS,
        /** Dropped. */
        DROP,
        /** Queued until {@link #due}. */
        QUEUE,
        /** Handed piece by piece to {@link #take}. */
        TAKE
    }

    private enum Action { FORWARD, DROP, QUEUE, TAKE, COLLECT }

    private record Segment(int from, int to, Fate fate, MqttFrame packet, boolean first, boolean last, long due) {
    }

    private record Queued(Chunk chunk, long due) {
    }

    protected final ToxicContext context;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private final List<Chunk> collecting = new ArrayList<>();
    private ToxicContext.Cancellable timer;
    private long remaining;
    private MqttFrame open;
    private Fate openFate = Fate.PASS;
    private long openDue;

    PacketStage(ToxicContext context) {
        this.context = context;
    }

    /** The fate of the packet starting with {@code packet}; asked once per packet, in stream order. */
    protected abstract Fate fate(MqttFrame packet);

    /**
     * For a {@link Fate#QUEUE} packet: when it may leave ({@link ToxicContext#nanoTime()} scale), or
     * {@link #HOLD}. {@code enteredAt} is when its first piece reached this stage.
     */
    protected long due(MqttFrame packet, long enteredAt) {
        return HOLD;
    }

    /**
     * A piece of a {@link Fate#TAKE} packet, which the stage now owns: its start ({@code first}) or a
     * continuation; {@code last} when the packet ends with it.
     */
    protected void take(Chunk piece, MqttFrame packet, boolean first, boolean last) {
        context.forward(piece);
    }

    /** The end of the stream arrives; by default it waits behind anything queued or collected. */
    protected void end(Chunk end) {
        if (queue.isEmpty() && collecting.isEmpty()) {
            context.forward(end);
            return;
        }
        enqueueCollected();
        enqueue(end, end.enteredAt());
    }

    /** Whether the stream is between packets (no packet seen by this stage continues into later chunks). */
    protected final boolean atBoundary() {
        return remaining == 0;
    }

    @Override
    public final void accept(Chunk chunk) {
        if (chunk.isEnd()) {
            end(chunk);
            return;
        }
        FrameLayout layout = chunk.layout();
        if (layout == null) {
            remaining = 0;
            context.forward(chunk);
            return;
        }
        dispatch(chunk, segments(chunk, layout));
        afterChunk();
    }

    /** Called after each chunk of bytes has been handed on. */
    protected void afterChunk() {
    }

    @Override
    public void drain() {
        stopTimer();
        while (!queue.isEmpty()) {
            context.forward(queue.pollFirst().chunk());
        }
        for (Chunk piece : collecting) {
            context.forward(piece);
        }
        collecting.clear();
    }

    @Override
    public void discard() {
        stopTimer();
        while (!queue.isEmpty()) {
            context.drop(queue.pollFirst().chunk());
        }
        for (Chunk piece : collecting) {
            context.drop(piece);
        }
        collecting.clear();
    }

    /** Cuts the chunk's bytes into the continuation, one segment per packet, and a raw tail. */
    private List<Segment> segments(Chunk chunk, FrameLayout layout) {
        int size = chunk.size();
        List<Segment> segments = new ArrayList<>(layout.frames().size() + 2);
        int at = Math.min(layout.continuation(), size);
        if (at > 0 && remaining > 0) {
            remaining = Math.max(0, remaining - at);
            segments.add(new Segment(0, at, openFate, open, false, remaining == 0, openDue));
        } else {
            remaining = 0;
            if (at > 0) {
                segments.add(new Segment(0, at, Fate.PASS, null, true, true, 0));
            }
        }
        int rawFrom = layout.rawFrom() < 0 ? size : layout.rawFrom();
        for (MqttFrame frame : layout.frames()) {
            if (frame.offset() >= rawFrom) {
                break;
            }
            if (frame.offset() > at) {
                segments.add(new Segment(at, frame.offset(), Fate.PASS, null, true, true, 0));
            }
            Fate fate = fate(frame);
            long due = fate == Fate.QUEUE ? due(frame, chunk.enteredAt()) : 0;
            boolean whole = frame.end() <= size;
            int to = whole ? frame.end() : size;
            segments.add(new Segment(frame.offset(), to, fate, frame, true, whole, due));
            if (!whole) {
                remaining = frame.end() - size;
                open = frame;
                openFate = fate;
                openDue = due;
            }
            at = to;
        }
        if (at < size) {
            segments.add(new Segment(at, size, Fate.PASS, null, true, true, 0));
        }
        return segments;
    }

    /**
     * Hands each segment on in order; neighbouring segments that are forwarded (or dropped) alike
     * travel as one piece.
     */
    private void dispatch(Chunk chunk, List<Segment> segments) {
        Cutter cutter = new Cutter(chunk);
        Action runAction = null;
        int runFrom = 0;
        for (Segment segment : segments) {
            Action action = action(segment);
            if (action == runAction) {
                continue;
            }
            if (runAction != null) {
                run(runAction, cutter.cut(segment.from() - runFrom));
                runAction = null;
            }
            if (action == Action.FORWARD || action == Action.DROP) {
                runAction = action;
                runFrom = segment.from();
                continue;
            }
            Chunk piece = cutter.cut(segment.to() - segment.from());
            switch (action) {
                case QUEUE -> enqueue(piece, segment.due());
                case TAKE -> take(piece, segment.packet(), segment.first(), segment.last());
                default -> collect(piece, segment.last());
            }
        }
        if (runAction != null) {
            run(runAction, cutter.rest());
        }
    }

    private Action action(Segment segment) {
        return switch (segment.fate()) {
            case DROP -> Action.DROP;
            case QUEUE -> Action.QUEUE;
            case TAKE -> Action.TAKE;
            case PASS -> !collecting.isEmpty() || (!queue.isEmpty() && !(segment.first() && segment.last()))
                    ? Action.COLLECT : Action.FORWARD;
        };
    }

    private void run(Action action, Chunk piece) {
        if (action == Action.DROP) {
            context.drop(piece);
        } else {
            context.forward(piece);
        }
    }

    /** A passing packet in pieces while others are queued: kept until complete, then sent on whole. */
    private void collect(Chunk piece, boolean last) {
        collecting.add(piece);
        if (last) {
            for (Chunk part : collecting) {
                context.forward(part);
            }
            collecting.clear();
        }
    }

    private void enqueueCollected() {
        for (Chunk piece : collecting) {
            queue.addLast(new Queued(piece, piece.enteredAt()));
        }
        collecting.clear();
    }

    private void enqueue(Chunk piece, long due) {
        queue.addLast(new Queued(piece, due));
        if (timer == null) {
            pump();
        }
    }

    /** Forwards every queued piece that is due, in order, then waits for the next one. */
    private void pump() {
        timer = null;
        while (!queue.isEmpty()) {
            long due = queue.peekFirst().due();
            if (due == HOLD) {
                return;
            }
            long now = context.nanoTime();
            if (due > now) {
                timer = context.schedule(due - now, this::pump);
                return;
            }
            context.forward(queue.pollFirst().chunk());
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** Splits a chunk front to back; the last piece is the chunk itself, so nothing is cut needlessly. */
    private static final class Cutter {
        private final Chunk chunk;

        Cutter(Chunk chunk) {
            this.chunk = chunk;
        }

        Chunk cut(int length) {
            return length >= chunk.size() ? chunk : chunk.split(length);
        }

        Chunk rest() {
            return chunk;
        }
    }
}
