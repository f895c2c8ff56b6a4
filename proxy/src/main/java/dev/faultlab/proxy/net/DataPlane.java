package dev.faultlab.proxy.net;

import dev.faultlab.proxy.capture.CaptureDirectory;
import dev.faultlab.proxy.events.EventBus;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The shared machinery of every proxy: the event loops (one acceptor thread, a few I/O threads,
 * no thread per connection), the transport, connection ids, the seeded randomness and the
 * observers.
 */
public final class DataPlane implements AutoCloseable {
    private final Transport transport;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final long seed;
    private final AtomicLong connectionIds = new AtomicLong();
    private final ConnectionListener listener;
    private final TrafficMeter.Factory meters;
    private final EventBus events;
    private final boolean mqttAware;
    private volatile CaptureDirectory captures;

    /**
     * @param mqttAware look for MQTT in every connection (packet boundaries, session tracking, MQTT
     *     faults); false forwards every connection as plain TCP
     */
    public DataPlane(Transport transport, int workerThreads, long seed, ConnectionListener listener,
                     TrafficMeter.Factory meters, EventBus events, boolean mqttAware) {
        this.transport = transport;
        this.acceptors = transport.newGroup(1, new DefaultThreadFactory("faultlab-accept", true));
        this.workers = transport.newGroup(workerThreads, new DefaultThreadFactory("faultlab-io", true));
        this.seed = seed;
        this.listener = listener;
        this.meters = meters;
        this.events = events;
        this.mqttAware = mqttAware;
    }

    /** Epoll (or NIO), one I/O thread per core, with its own event bus. */
    public static DataPlane create(long seed, ConnectionListener listener, TrafficMeter.Factory meters) {
        return create(seed, listener, meters, new EventBus());
    }

    /** Epoll (or NIO), one I/O thread per core, publishing to {@code events}. */
    public static DataPlane create(long seed, ConnectionListener listener, TrafficMeter.Factory meters,
                                   EventBus events) {
        return new DataPlane(Transport.best(), Runtime.getRuntime().availableProcessors(), seed, listener, meters,
                events, true);
    }

    /** Whether connections are examined for MQTT. */
    boolean mqttAware() {
        return mqttAware;
    }

    /**
     * Captures every connection accepted from now on into a pcap file in {@code directory} (null:
     * no longer). The directory stays the caller's to close, after the proxies.
     */
    public void captureTo(CaptureDirectory directory) {
        this.captures = directory;
    }

    /** Where connections are captured to, or null. */
    CaptureDirectory captures() {
        return captures;
    }

    /** Where the connections' events go. */
    public EventBus events() {
        return events;
    }

    public Transport transport() {
        return transport;
    }

    EventLoopGroup acceptors() {
        return acceptors;
    }

    EventLoopGroup workers() {
        return workers;
    }

    ConnectionListener listener() {
        return listener;
    }

    TrafficMeter.Factory meters() {
        return meters;
    }

    long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /**
     * The random source of connection {@code id}: a pure function of the seed and the id, so the
     * same {@code --seed} replays the same choices for the same sequence of connections.
     */
    RandomGenerator randomFor(long id) {
        return new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L));
    }

    @Override
    public void close() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
