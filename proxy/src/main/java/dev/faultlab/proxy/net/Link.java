package dev.faultlab.proxy.net;

import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicChain;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One direction of one proxied connection: reads from the source socket, passes each chunk through
 * the direction's toxic chain and writes what comes out to the destination socket.
 *
 * <p>Backpressure by pull: the source is read only while the destination is writable and the
 * bytes held inside the chain stay under {@link #MAX_HELD}; past that the source is left unread and
 * TCP pushes back on the sender. Without toxics a read buffer goes to the destination as it is
 * (no copy). Runs on the connection's event loop only.
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
    private long held;
    private boolean dirty;
    private boolean sourceEnded;

    Link(Connection connection, Direction direction, Channel source, Channel destination, TrafficMeter meter) {
        this.connection = connection;
        this.direction = direction;
        this.source = source;
        this.destination = destination;
        this.meter = meter;
        this.chain = new ToxicChain(direction, this);
    }

    Direction direction() {
        return direction;
    }

    void updateToxics(List<ToxicDefinition> definitions) {
        chain.update(definitions);
        flush();
        requestRead();
    }

    List<ToxicDefinition> toxics() {
        return chain.definitions();
    }

    /** Bytes read from the source and not yet written to the destination. */
    long held() {
        return held;
    }

    void onRead(ByteBuf data) {
        int size = data.readableBytes();
        meter.received(size);
        held += size;
        chain.accept(Chunk.of(data, System.nanoTime()));
    }

    void onReadComplete() {
        flush();
        requestRead();
    }

    /** The source sent FIN: the end travels the chain behind the data. */
    void onSourceEnd() {
        if (!sourceEnded) {
            sourceEnded = true;
            chain.accept(Chunk.end(System.nanoTime()));
            flush();
        }
    }

    /** Reads more from the source when the destination and the chain have room. */
    void requestRead() {
        if (!sourceEnded && held < MAX_HELD && destination.isWritable() && source.isActive()
                && !((DuplexChannel) source).isInputShutdown()) {
            source.read();
        }
    }

    void discard() {
        chain.discard();
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
        if (destination.isActive()) {
            destination.write(chunk.data(), destination.voidPromise());
            dirty = true;
        } else {
            chunk.data().release();
        }
    }

    @Override
    public void dropped(Chunk chunk) {
        held -= chunk.size();
    }

    @Override
    public ToxicContext.Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = source.eventLoop().schedule(() -> {
            task.run();
            flush();
            requestRead();
        }, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
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
