package dev.faultlab.proxy.net;

import dev.faultlab.proxy.capture.ConnectionCapture;
import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.MqttFrameSplitter;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.mqtt.SessionState;
import dev.faultlab.proxy.mqtt.SessionTracker;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicChain;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicMeter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One direction of one proxied connection: reads from the source socket, passes each chunk through
 * the direction's toxic chain and writes what comes out to the destination socket.
 *
 * <p>Backpressure by pull: the source is read (Netty's auto-read on) only while the destination is
 * writable and the bytes held inside the chain stay under {@link #MAX_HELD}; past that auto-read is
 * switched off, the source is left unread and TCP pushes back on the sender. Switching only at those
 * edges, rather than asking for every read, spares a system call per read. Without toxics a read buffer goes to the destination as it is
 * (no copy). On an MQTT connection a {@link MqttFrameSplitter} first marks where packets start
 * (the buffer itself still goes on), the {@link SessionTracker} sees the CONNECT as it arrives and
 * every packet as it leaves. Runs on the connection's event loop only.
 */
final class Link implements ToxicChain.Host {
    /** Bytes a chain may hold (latency queues, a rate-0 bandwidth) before the source is paused. */
    static final int MAX_HELD = 16 * 1024 * 1024;

    private final Connection connection;
    private final Direction direction;
    private final Channel source;
    private final Channel destination;
    private final TrafficMeter meter;
    private final ToxicChain chain;
    private final SessionTracker tracker;
    private final SessionMeter session;
    private final MqttFrameSplitter.Output toChain = this::splitOut;
    private MqttFrameSplitter splitter;
    private boolean received;
    private int pauses;
    private int receiveBufferBefore;
    private long held;
    private boolean dirty;
    private boolean sourceEnded;
    private long receivedBytes;
    private long sentBytes;
    /** When reading stopped for backpressure or a toxic ({@link System#nanoTime()}), or 0 while reading. */
    private long pausedSince;

    Link(Connection connection, Direction direction, Channel source, Channel destination, TrafficMeter meter,
         SessionTracker tracker, MqttFrameSplitter splitter, SessionMeter session) {
        this.connection = connection;
        this.direction = direction;
        this.source = source;
        this.destination = destination;
        this.meter = meter;
        this.tracker = tracker;
        this.session = session;
        this.splitter = splitter;
        this.chain = new ToxicChain(direction, this);
    }

    /**
     * The other direction turned out to be MQTT: parse this one too, unless its first bytes already
     * went by raw (a server that spoke first).
     */
    void startMqtt(MqttFrameSplitter mqtt) {
        if (!received) {
            splitter = mqtt;
        }
    }

    void updateToxics(List<ToxicDefinition> definitions) {
        chain.update(definitions);
        flush();
        updateReading();
    }

    /** Bytes read from the source since the connection opened. */
    long receivedBytes() {
        return receivedBytes;
    }

    /** Bytes handed to the destination since the connection opened (injected replies included). */
    long sentBytes() {
        return sentBytes;
    }

    void onRead(ByteBuf data) {
        int size = data.readableBytes();
        meter.received(size);
        receivedBytes += size;
        held += size;
        received = true;
        ConnectionCapture capture = connection.capture();
        if (capture != null) {
            capture.received(direction, data, System.nanoTime());
        }
        splitter.feed(data, toChain);
        session.bytes(direction, size);
        if (held >= MAX_HELD) {
            updateReading();
        }
    }

    private void splitOut(ByteBuf data, FrameLayout layout) {
        long arrival = System.nanoTime();
        if (tracker.arrived(direction, layout, arrival)) {
            connection.sessionChanged();
        }
        ConnectionCapture capture = connection.capture();
        if (capture != null && direction == Direction.UPSTREAM) {
            capture.identify(tracker.state().clientId());
        }
        if (connection.blackholed()) {
            held -= data.readableBytes();
            data.release();
            return;
        }
        chain.accept(Chunk.of(data, layout, arrival));
    }

    void sessionChanged() {
        chain.sessionChanged();
    }

    List<String> activeToxics() {
        return chain.activeToxics();
    }

    boolean inspectsPackets() {
        return chain.inspectsPackets();
    }

    void onReadComplete() {
        flush();
        updateReading();
    }

    /** The source sent FIN: the end travels the chain behind the data. */
    void onSourceEnd() {
        if (!sourceEnded) {
            sourceEnded = true;
            splitter.finish(toChain);
            if (connection.blackholed()) {
                connection.endDropped(direction);
            } else {
                chain.accept(Chunk.end(System.nanoTime()));
            }
            flush();
        }
    }

    /**
     * Reads the source while the destination and the chain have room, and stops reading otherwise;
     * the time a live source is left unread is metered as paused.
     */
    void updateReading() {
        boolean open = !sourceEnded && source.isActive() && !((DuplexChannel) source).isInputShutdown();
        boolean room = open && pauses == 0 && held < MAX_HELD && destination.isWritable();
        if (room != source.config().isAutoRead()) {
            source.config().setAutoRead(room);
        }
        if (open && !room && pausedSince == 0) {
            pausedSince = System.nanoTime();
        } else if ((room || !open) && pausedSince != 0) {
            endPause();
        }
    }

    void discard() {
        splitter.discard();
        chain.discard();
        if (pausedSince != 0) {
            endPause();
        }
    }

    private void endPause() {
        meter.paused(System.nanoTime() - pausedSince);
        pausedSince = 0;
    }

    @Override
    public void deliver(Chunk chunk) {
        if (chunk.isEnd()) {
            destination.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener(f -> connection.outputEnded(direction));
            return;
        }
        int size = chunk.size();
        held -= size;
        meter.sent(size);
        sentBytes += size;
        if (tracker.delivered(direction, chunk.layout(), System.nanoTime())) {
            connection.sessionChanged();
        }
        if (destination.isActive()) {
            ConnectionCapture capture = connection.capture();
            if (capture != null) {
                capture.delivered(direction, chunk.data(), System.nanoTime());
            }
            destination.write(chunk.data(), destination.voidPromise());
            dirty = true;
        } else {
            chunk.data().release();
        }
    }

    @Override
    public void dropped(Chunk chunk) {
        held -= chunk.size();
        if (chunk.isEnd()) {
            connection.endDropped(direction);
        }
    }

    @Override
    public ToxicContext.Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = source.eventLoop().schedule(() -> {
            task.run();
            flush();
            updateReading();
        }, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public SessionState session() {
        return tracker.state();
    }

    @Override
    public String remoteAddress() {
        return connection.clientAddress().getAddress().getHostAddress();
    }

    @Override
    public void injected(Chunk chunk) {
        held += chunk.size();
    }

    @Override
    public void reply(ByteBuf data) {
        connection.link(direction == Direction.UPSTREAM ? Direction.DOWNSTREAM : Direction.UPSTREAM).deliverReply(data);
    }

    /**
     * Delivers bytes a toxic of the other direction made (a CONNACK answering a CONNECT) to this
     * link's destination, behind what was already delivered, seen by the tracker like any packet.
     */
    void deliverReply(ByteBuf data) {
        held += data.readableBytes();
        SessionState session = tracker.state();
        int level = session.connect() == null ? 4 : session.connect().protocolLevel();
        MqttFrameSplitter.mqtt(destination.alloc(), MqttFrameSplitter.DEFAULT_HEAD_LIMIT, level,
                        new MqttFrameSplitter.Listener() { })
                .feed(data, (bytes, layout) -> deliver(Chunk.of(bytes, layout, System.nanoTime())));
        flush();
    }

    /**
     * Pauses are counted, so a toxic replaced by an update (the new stage pauses before the old one
     * resumes) or two pausing toxics keep the source paused until the last one resumes it. The
     * receive buffer the socket had before the first shrink is restored then.
     */
    @Override
    public void pauseSource(int receiveBuffer) {
        pauses++;
        if (receiveBuffer > 0) {
            if (receiveBufferBefore == 0) {
                receiveBufferBefore = source.config().getOption(ChannelOption.SO_RCVBUF);
            }
            source.config().setOption(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
    }

    @Override
    public void resumeSource() {
        if (pauses == 0 || --pauses > 0) {
            return;
        }
        if (receiveBufferBefore > 0) {
            source.config().setOption(ChannelOption.SO_RCVBUF, receiveBufferBefore);
            receiveBufferBefore = 0;
        }
        updateReading();
    }

    @Override
    public void blackhole(boolean on) {
        connection.blackhole(on);
    }

    @Override
    public void faultApplied(ToxicDefinition toxic) {
        connection.faultApplied(direction, toxic);
    }

    @Override
    public void faultCleared(ToxicDefinition toxic) {
        connection.faultCleared(direction, toxic);
    }

    @Override
    public ToxicMeter meter(ToxicDefinition toxic) {
        return meter.toxic(toxic);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public RandomGenerator random() {
        return connection.random();
    }

    @Override
    public void close(ToxicDefinition by) {
        connection.closeByToxic(by, false);
    }

    @Override
    public void reset(ToxicDefinition by) {
        connection.closeByToxic(by, true);
    }

    private void flush() {
        if (dirty) {
            dirty = false;
            destination.flush();
        }
    }
}
