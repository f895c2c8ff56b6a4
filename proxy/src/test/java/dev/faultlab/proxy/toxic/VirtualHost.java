package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.SessionState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A {@link ToxicChain.Host} on virtual time for unit tests: a clock that moves only in
 * {@link #advance}, a manual scheduler (tasks run in time order when the clock passes them), a
 * seeded random source, and a record of what was delivered, dropped, closed and reset. Every
 * buffer it hands out is tracked, so a test can check that all of them were released.
 *
 * <p>Like a real connection, a close or reset discards the chain.
 */
public final class VirtualHost implements ToxicChain.Host {

    /** A chunk that left the chain: when, and its bytes (null for the end of the stream). */
    public record Delivered(long at, byte[] bytes) {
        public boolean isEnd() {
            return bytes == null;
        }

        public long atMillis() {
            return TimeUnit.NANOSECONDS.toMillis(at);
        }
    }

    private record Task(long at, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final List<ByteBuf> created = new ArrayList<>();
    private final RandomGenerator random;
    public final List<Delivered> delivered = new ArrayList<>();
    public final List<String> closedBy = new ArrayList<>();
    public final List<String> resetBy = new ArrayList<>();
    public final ToxicChain chain;
    private long now;
    private long seq;
    private long timerLateness;
    public int droppedChunks;
    public long droppedBytes;
    /** The session toxics see; tests set it to play a connection whose CONNECT was seen. */
    public SessionState session = SessionState.NONE;
    public String remoteAddress = "127.0.0.1";
    public final List<byte[]> replies = new ArrayList<>();
    public long injectedBytes;
    /** Pauses of the source not yet resumed (counted, as the proxy counts them). */
    public int pauses;
    public int receiveBuffer;
    public int blackholes;
    /** Faults that began and stopped acting, in order: {@code applied t0}, {@code cleared t0}. */
    public final List<String> faults = new ArrayList<>();
    /** What the toxics did, counted as the proxy's metrics count it. */
    public final Map<ToxicAction, Integer> actions = new EnumMap<>(ToxicAction.class);

    public VirtualHost(Direction direction) {
        this(direction, 42);
    }

    public VirtualHost(Direction direction, long seed) {
        this.chain = new ToxicChain(direction, this);
        this.random = new SplittableRandom(seed);
    }

    /** A host whose downstream chain runs {@code toxics}, each at toxicity 1. */
    public static VirtualHost with(Toxic... toxics) {
        VirtualHost host = new VirtualHost(Direction.DOWNSTREAM);
        List<ToxicDefinition> defs = new ArrayList<>();
        for (int i = 0; i < toxics.length; i++) {
            defs.add(definition("t" + i, toxics[i]));
        }
        host.chain.update(defs);
        return host;
    }

    public static ToxicDefinition definition(String name, Toxic toxic) {
        return new ToxicDefinition(name, toxic.getClass().getSimpleName(), Direction.DOWNSTREAM, 1.0, toxic);
    }

    /** Sends {@code bytes} into the chain now, in a tracked buffer. */
    public void send(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length);
        buf.writeBytes(bytes);
        created.add(buf);
        chain.accept(Chunk.of(buf, now));
    }

    /**
     * Sends a chunk of MQTT bytes with its packet layout (as the frame splitter made it) into the
     * chain now; the buffer is tracked like those {@link #send(byte[])} makes.
     */
    public void send(ByteBuf data, FrameLayout layout) {
        created.add(data);
        chain.accept(Chunk.of(data, layout, now));
    }

    /** Sends {@code size} bytes counting up from {@code first} (mod 256). */
    public void send(int size, int first) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (first + i);
        }
        send(bytes);
    }

    /** Sends the end of the stream. */
    public void end() {
        chain.accept(Chunk.end(now));
    }

    /** Makes every timer scheduled from now on run {@code millis} late, like a busy event loop. */
    public void lateTimers(long millis) {
        timerLateness = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    public long now() {
        return now;
    }

    /** Moves the clock forward by {@code millis}, running every task that falls due on the way. */
    public void advanceMillis(long millis) {
        advance(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    public void advance(long nanos) {
        long target = now + nanos;
        while (!tasks.isEmpty() && tasks.peek().at <= target) {
            Task task = tasks.poll();
            if (!task.cancelled[0]) {
                now = task.at;
                task.run.run();
            }
        }
        now = target;
    }

    /** Tasks still pending (not cancelled). */
    public long pendingTasks() {
        return tasks.stream().filter(t -> !t.cancelled[0]).count();
    }

    /** All delivered bytes, concatenated, in order. */
    public byte[] deliveredBytes() {
        int total = delivered.stream().filter(d -> !d.isEnd()).mapToInt(d -> d.bytes.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (Delivered d : delivered) {
            if (!d.isEnd()) {
                System.arraycopy(d.bytes, 0, all, at, d.bytes.length);
                at += d.bytes.length;
            }
        }
        return all;
    }

    /** Delivery times in milliseconds, one per data chunk. */
    public List<Long> dataTimesMillis() {
        return delivered.stream().filter(d -> !d.isEnd()).map(Delivered::atMillis).toList();
    }

    public void assertAllReleased() {
        for (ByteBuf buf : created) {
            assertThat(buf.refCnt()).as("buffer released").isZero();
        }
    }

    @Override
    public void deliver(Chunk chunk) {
        if (chunk.isEnd()) {
            delivered.add(new Delivered(now, null));
            return;
        }
        delivered.add(new Delivered(now, ByteBufUtil.getBytes(chunk.data())));
        chunk.data().release();
    }

    @Override
    public void dropped(Chunk chunk) {
        droppedChunks++;
        droppedBytes += chunk.size();
    }

    @Override
    public ToxicContext.Cancellable schedule(long delayNanos, Runnable task) {
        boolean[] cancelled = new boolean[1];
        tasks.add(new Task(now + Math.max(0, delayNanos) + timerLateness, seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public void close(ToxicDefinition by) {
        closedBy.add(by.name());
        chain.discard();
    }

    @Override
    public void reset(ToxicDefinition by) {
        resetBy.add(by.name());
        chain.discard();
    }

    @Override
    public SessionState session() {
        return session;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public void injected(Chunk chunk) {
        injectedBytes += chunk.size();
    }

    @Override
    public void reply(ByteBuf data) {
        replies.add(ByteBufUtil.getBytes(data));
        data.release();
    }

    @Override
    public void pauseSource(int bytes) {
        pauses++;
        receiveBuffer = bytes;
    }

    @Override
    public void resumeSource() {
        pauses--;
    }

    @Override
    public void blackhole(boolean on) {
        blackholes += on ? 1 : -1;
    }

    @Override
    public void faultApplied(ToxicDefinition toxic) {
        faults.add("applied " + toxic.name());
    }

    @Override
    public void faultCleared(ToxicDefinition toxic) {
        faults.add("cleared " + toxic.name());
    }

    @Override
    public ToxicMeter meter(ToxicDefinition toxic) {
        return (action, count) -> actions.merge(action, count, Integer::sum);
    }
}
