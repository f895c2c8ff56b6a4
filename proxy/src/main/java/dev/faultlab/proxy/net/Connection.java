package dev.faultlab.proxy.net;

import dev.faultlab.proxy.capture.CaptureDirectory;
import dev.faultlab.proxy.capture.CaptureSink;
import dev.faultlab.proxy.capture.ConnectionCapture;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.mqtt.MqttFrameSplitter;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.mqtt.SessionTracker;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicSet;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied TCP connection: the client's socket, the upstream socket, and the two {@link Link}s
 * between them. Both sockets live on one event loop, so its state needs no locks.
 *
 * <p>Teardown has one path, {@link #close}: a FIN travels as an end-of-stream through the chain
 * and becomes a shutdown of output on the other side (half-close); once both directions have
 * ended, both sockets close. A reset or socket error on one side resets the other.
 *
 * <p>While someone captures the connection ({@code --capture}, the capture endpoint) its
 * {@link ConnectionCapture} sees the bytes, FINs and the close; otherwise that field is null.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final long FORCED_CLOSE_MILLIS = 5_000;

    private final long id;
    private final String proxy;
    private final Channel client;
    private final Channel upstream;
    private final RandomGenerator random;
    private final ConnectionListener listener;
    private final EventBus events;
    private final Instant since = Instant.now();
    private final SessionTracker tracker;
    private final SessionMeter session;
    private final Link upstreamLink;
    private final Link downstreamLink;
    private final CaptureDirectory captures;
    /** The capture tap while someone captures this connection, else null (the data path's only check). */
    private ConnectionCapture capture;
    private boolean upstreamEnded;
    private boolean downstreamEnded;
    private CloseCause firstFin;
    private boolean closed;
    private int blackholes;

    Connection(long id, String proxy, Channel client, Channel upstream, RandomGenerator random,
               ConnectionListener listener, EventBus events, boolean mqttAware, TrafficMeter up, TrafficMeter down,
               SessionMeter session, CaptureDirectory captures) {
        this.id = id;
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
        this.random = random;
        this.listener = listener;
        this.events = events;
        this.session = session;
        this.captures = captures;
        this.tracker = new SessionTracker(id, proxy, events, Clock.systemUTC(), session);
        MqttFrameSplitter first = mqttAware ? MqttFrameSplitter.detecting(client.alloc(),
                MqttFrameSplitter.DEFAULT_HEAD_LIMIT, new SplitterListener(Direction.UPSTREAM)) : MqttFrameSplitter.raw();
        this.upstreamLink = new Link(this, Direction.UPSTREAM, client, upstream, up, tracker, first, session);
        this.downstreamLink = new Link(this, Direction.DOWNSTREAM, upstream, client, down, tracker,
                MqttFrameSplitter.raw(), session);
    }

    /** Whether a toxic made the link silent: arriving bytes are dropped both ways. */
    boolean blackholed() {
        return blackholes > 0;
    }

    void blackhole(boolean on) {
        blackholes += on ? 1 : -1;
    }

    /** The session's identity changed: scoped toxics re-check whether they apply. */
    void sessionChanged() {
        upstreamLink.sessionChanged();
        downstreamLink.sessionChanged();
    }

    /** The names of the toxics acting on this connection now, upstream then downstream. */
    public List<String> activeToxics() {
        List<String> names = new ArrayList<>(upstreamLink.activeToxics());
        names.addAll(downstreamLink.activeToxics());
        return names;
    }

    /**
     * What the connection looks like now, taken on its event loop; completes with null once the
     * connection is closed (a cut queued before it has happened), exceptionally if the loop is gone.
     */
    public CompletableFuture<ConnectionSnapshot> snapshot() {
        CompletableFuture<ConnectionSnapshot> taken = new CompletableFuture<>();
        try {
            eventLoop().execute(() -> taken.complete(closed ? null : snapshotNow()));
        } catch (RejectedExecutionException e) {
            taken.completeExceptionally(e);
        }
        return taken;
    }

    private ConnectionSnapshot snapshotNow() {
        return new ConnectionSnapshot(id, proxy, HostPort.format(clientAddress()), since, tracker.state(),
                upstreamLink.receivedBytes(), upstreamLink.sentBytes(), downstreamLink.receivedBytes(),
                downstreamLink.sentBytes(), windowsNow(), activeToxics());
    }

    /**
     * The windows the peers advertise and what waits for their acknowledgement, read now (a
     * getsockopt per socket). On the event loop.
     */
    TcpWindows windowsNow() {
        return TcpWindows.of(TcpInfo.read(upstream), upstreamLink.sentBytes(), TcpInfo.read(client),
                downstreamLink.sentBytes());
    }

    /** The MQTT session seen on this connection (empty on plain TCP). */
    public SessionTracker session() {
        return tracker;
    }

    public long id() {
        return id;
    }

    public String proxy() {
        return proxy;
    }

    public Instant since() {
        return since;
    }

    public InetSocketAddress clientAddress() {
        return (InetSocketAddress) client.remoteAddress();
    }

    public EventLoop eventLoop() {
        return client.eventLoop();
    }

    RandomGenerator random() {
        return random;
    }

    Link link(Direction direction) {
        return direction == Direction.UPSTREAM ? upstreamLink : downstreamLink;
    }

    /** The capture tap, or null when nobody captures this connection. On the event loop. */
    ConnectionCapture capture() {
        return capture;
    }

    /**
     * Captures this connection into {@code sink} from now on, until it closes or the sink is done
     * (then call {@link #captureDone}). From any thread; a connection already closed ends the sink
     * at once.
     */
    public void capture(CaptureSink sink) {
        try {
            eventLoop().execute(() -> {
                if (closed) {
                    sink.begin(tracker.state().clientId());
                    sink.end();
                    return;
                }
                tap(sink);
            });
        } catch (RejectedExecutionException e) {
            sink.begin(tracker.state().clientId());
            sink.end();
        }
    }

    /** A sink given to {@link #capture(CaptureSink)} is done: the tap goes once nobody listens. */
    public void captureDone() {
        try {
            eventLoop().execute(() -> {
                if (capture != null && capture.isIdle()) {
                    capture = null;
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("connection {} of {}: event loop gone, capture left as it is", id, proxy);
        }
    }

    private void tap(CaptureSink sink) {
        if (capture == null) {
            capture = new ConnectionCapture(clientAddress(), (InetSocketAddress) client.localAddress(),
                    (InetSocketAddress) upstream.localAddress(), (InetSocketAddress) upstream.remoteAddress());
            if (upstreamLink.receivedBytes() > 0) {
                capture.identify(tracker.state().clientId());
            }
        }
        capture.add(sink, System.nanoTime());
    }

    /** Starts forwarding with the given toxics. On the event loop. */
    void start(ToxicSet toxics) {
        if (captures != null) {
            tap(captures.newFile(proxy, id, since));
        }
        client.pipeline().addLast("forward", new ForwardHandler(this, upstreamLink, downstreamLink));
        upstream.pipeline().addLast("forward", new ForwardHandler(this, downstreamLink, upstreamLink));
        listener.opened(this);
        events.publish(new ConnectionEvent.Opened(Instant.now(), id, proxy, null,
                HostPort.format(clientAddress())));
        applyNow(toxics);
        EarlyInboundHandler early = (EarlyInboundHandler) client.pipeline().get(EarlyInboundHandler.NAME);
        if (early != null) {
            early.replay(client.pipeline().context(early));
        }
        if (closed) {
            return;
        }
        upstreamLink.updateReading();
        downstreamLink.updateReading();
    }

    /** Hands a new toxic set to the event loop; completes when the connection uses it. */
    CompletableFuture<Void> apply(ToxicSet toxics) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        eventLoop().execute(() -> {
            try {
                applyNow(toxics);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void applyNow(ToxicSet toxics) {
        if (closed) {
            return;
        }
        upstreamLink.updateToxics(toxics.upstream());
        downstreamLink.updateToxics(toxics.downstream());
    }

    void faultApplied(Direction direction, ToxicDefinition toxic) {
        events.publish(new ConnectionEvent.FaultApplied(Instant.now(), id, proxy, tracker.state().clientId(),
                toxic.name(), toxic.type(), direction.jsonName()));
    }

    void faultCleared(Direction direction, ToxicDefinition toxic) {
        events.publish(new ConnectionEvent.FaultCleared(Instant.now(), id, proxy, tracker.state().clientId(),
                toxic.name(), toxic.type(), direction.jsonName()));
    }

    /** The end of stream has left the chain of {@code direction}: shut the destination's output. */
    void outputEnded(Direction direction) {
        if (closed) {
            return;
        }
        Channel destination = direction == Direction.UPSTREAM ? upstream : client;
        if (destination instanceof DuplexChannel duplex && destination.isActive()) {
            duplex.shutdownOutput();
            if (capture != null) {
                capture.finDelivered(direction, System.nanoTime());
            }
        }
        ended(direction);
    }

    /**
     * A toxic dropped the end of stream of {@code direction} (a lost FIN): the destination keeps its
     * output open, but that direction is over, so once both are the connection closes.
     */
    void endDropped(Direction direction) {
        if (!closed) {
            ended(direction);
        }
    }

    private void ended(Direction direction) {
        if (direction == Direction.UPSTREAM) {
            upstreamEnded = true;
        } else {
            downstreamEnded = true;
        }
        if (upstreamEnded && downstreamEnded) {
            close(firstFin, null, false);
        }
    }

    /** A FIN arrived from {@code side}. */
    void finReceived(Channel side) {
        if (firstFin == null) {
            firstFin = side == client ? CloseCause.CLIENT_FIN : CloseCause.UPSTREAM_FIN;
        }
        if (capture != null) {
            capture.finReceived(side == client ? Direction.UPSTREAM : Direction.DOWNSTREAM, System.nanoTime());
        }
        (side == client ? upstreamLink : downstreamLink).onSourceEnd();
    }

    /** A socket failed or was reset: reset the other side too. */
    void failed(Channel side, Throwable error) {
        if (!closed) {
            LOG.debug("connection {} of {}: {} side failed: {}", id, proxy,
                    side == client ? "client" : "upstream", error.toString());
        }
        close(side == client ? CloseCause.CLIENT_RST : CloseCause.UPSTREAM_RST, null, true);
    }

    /** A socket closed without our doing. */
    void inactive(Channel side) {
        close(side == client ? CloseCause.CLIENT_RST : CloseCause.UPSTREAM_RST, null, true);
    }

    void closeByToxic(ToxicDefinition toxic, boolean reset) {
        close(CloseCause.TOXIC, toxic.name(), reset);
    }

    /** Closes from any thread. */
    public void closeAsync(CloseCause cause, boolean reset) {
        eventLoop().execute(() -> close(cause, null, reset));
    }

    /**
     * Closes both sockets, once. With {@code reset}, RST at once; otherwise FIN after what was
     * already written (forced after a grace period if a peer never takes it).
     */
    void close(CloseCause cause, String toxic, boolean reset) {
        if (closed) {
            return;
        }
        closed = true;
        if (capture != null) {
            capture.closed(reset, cause == CloseCause.CLIENT_RST, cause == CloseCause.UPSTREAM_RST, System.nanoTime());
            capture = null;
        }
        upstreamLink.discard();
        downstreamLink.discard();
        closeChannel(client, reset);
        closeChannel(upstream, reset);
        CloseCause reported = KeepaliveVerdict.explain(cause, tracker, System.nanoTime());
        LOG.debug("connection {} of {} closed: {}{}", id, proxy, reported.label(), toxic == null ? "" : " by " + toxic);
        listener.closed(this, reported, toxic);
        Instant now = Instant.now();
        events.publish(new ConnectionEvent.Closed(now, id, proxy, tracker.state().clientId(), reported.label(), toxic,
                now.toEpochMilli() - since.toEpochMilli()));
    }

    /** Hears what a direction's splitter learns: MQTT detected, raw from now on, undecodable packets. */
    private final class SplitterListener implements MqttFrameSplitter.Listener {
        private final Direction direction;

        SplitterListener(Direction direction) {
            this.direction = direction;
        }

        @Override
        public void detected(int protocolLevel) {
            downstreamLink.startMqtt(MqttFrameSplitter.mqtt(upstream.alloc(), MqttFrameSplitter.DEFAULT_HEAD_LIMIT,
                    protocolLevel, new SplitterListener(Direction.DOWNSTREAM)));
        }

        @Override
        public void raw(String reason, boolean malformed) {
            if (malformed) {
                LOG.info("connection {} of {}: malformed MQTT {}, forwarding raw from now on: {}", id, proxy,
                        direction.jsonName(), reason);
            }
            events.publish(new ConnectionEvent.Raw(Instant.now(), id, proxy, tracker.state().clientId(),
                    direction.jsonName(), reason, malformed));
        }

        @Override
        public boolean listQos0Publish() {
            return events.wants("publish") || upstreamLink.inspectsPackets() || downstreamLink.inspectsPackets();
        }

        @Override
        public void counted(List<MqttFrame> listed, int unlistedQos0Publishes) {
            for (MqttFrame frame : listed) {
                session.packets(direction, frame.type(), 1);
            }
            if (unlistedQos0Publishes > 0) {
                session.packets(direction, PacketType.PUBLISH, unlistedQos0Publishes);
            }
        }

        @Override
        public void undecodable(PacketType type, String reason) {
            LOG.debug("connection {} of {}: {} {} did not decode: {}", id, proxy, direction.jsonName(), type, reason);
        }
    }

    boolean isClosed() {
        return closed;
    }

    private static void closeChannel(Channel channel, boolean reset) {
        if (!channel.isOpen()) {
            return;
        }
        if (reset) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            return;
        }
        channel.eventLoop().schedule(() -> channel.close(), FORCED_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + proxy + " " + client.remoteAddress() + "]";
    }
}
