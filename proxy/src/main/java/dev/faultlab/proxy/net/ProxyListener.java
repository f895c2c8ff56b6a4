package dev.faultlab.proxy.net;

import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicSet;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound listening socket of one proxy and the connections it accepted. Each accepted client
 * is read only once its upstream connection (made asynchronously on the client's own event loop)
 * is up; an unreachable upstream closes the client and is reported.
 *
 * <p>In hang mode ({@link #hang}) new clients are accepted and never answered: no upstream
 * connection is made, what they send is read and discarded (so their writes never fail), and they
 * stay open until they close or hang mode ends, which closes them ({@link HangingHandler}, which
 * also reports them). Connections already proxied are not affected.
 */
public final class ProxyListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyListener.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);
    /** Reads grow up to 256 KiB when the sender keeps the socket full: fewer system calls per byte. */
    private static final AdaptiveRecvByteBufAllocator READS = new AdaptiveRecvByteBufAllocator(512, 16 * 1024, 256 * 1024);

    private final DataPlane plane;
    private final String proxy;
    private final HostPort upstream;
    private final Supplier<ToxicSet> toxics;
    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
    private final Map<Channel, HangingHandler> hanging = new ConcurrentHashMap<>();
    private volatile boolean hang;
    private Channel serverChannel;
    private volatile boolean closed;
    private String boundAddress;
    private TrafficMeter upMeter;
    private TrafficMeter downMeter;

    /**
     * @param toxics the proxy's current toxics, read for every new connection
     */
    public ProxyListener(DataPlane plane, String proxy, HostPort upstream, Supplier<ToxicSet> toxics) {
        this.plane = plane;
        this.proxy = proxy;
        this.upstream = upstream;
        this.toxics = toxics;
    }

    /**
     * Binds {@code listen}; returns the bound address ({@code ip:port}).
     *
     * @throws BindException when the address cannot be bound
     */
    public String bind(HostPort listen) throws BindException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(plane.acceptors(), plane.workers())
                .channel(plane.transport().serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        accepted(client);
                    }
                });
        ChannelFuture bound = bootstrap.bind(listen.toSocketAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new BindException("listen tcp " + listen + ": " + describe(bound.cause()), bound.cause());
        }
        serverChannel = bound.channel();
        boundAddress = HostPort.format((InetSocketAddress) serverChannel.localAddress());
        upMeter = plane.meters().meter(proxy, boundAddress, upstream.toString(), Direction.UPSTREAM);
        downMeter = plane.meters().meter(proxy, boundAddress, upstream.toString(), Direction.DOWNSTREAM);
        LOG.info("proxy {} listening on {}, upstream {}", proxy, boundAddress, upstream);
        return boundAddress;
    }

    public String boundAddress() {
        return boundAddress;
    }

    public Collection<Connection> connections() {
        return connections.values();
    }

    /** Hands {@code set} to every live connection; completes when all use it. */
    public CompletableFuture<Void> apply(ToxicSet set) {
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        for (Connection connection : connections.values()) {
            applied.add(connection.apply(set));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    /** Turns hang mode on or off; off closes the clients it held. */
    public void hang(boolean on) {
        hang = on;
        if (!on) {
            releaseHanging(HangingHandler.HANG_OFF);
        }
    }

    /** Stops listening and closes every connection. */
    public void close(CloseCause cause) {
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        releaseHanging(cause.label());
        for (Connection connection : connections.values()) {
            connection.closeAsync(cause, false);
        }
    }

    private void accepted(SocketChannel client) {
        long id = plane.nextConnectionId();
        if (hang) {
            HangingHandler held = new HangingHandler(id, proxy, plane.events(), plane.listener(), client);
            hanging.put(client, held);
            client.closeFuture().addListener(f -> hanging.remove(client));
            client.pipeline().addLast(held);
            if (closed || !hang) {
                held.release(client, closed ? CloseCause.PROXY_STOPPED.label() : HangingHandler.HANG_OFF);
            }
            LOG.debug("proxy {}: client {} accepted and left hanging", proxy, client.remoteAddress());
            return;
        }
        client.pipeline().addLast(EarlyInboundHandler.NAME, new EarlyInboundHandler());
        new Bootstrap()
                .group(client.eventLoop())
                .channel(plane.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                })
                .connect(upstream.toSocketAddress())
                .addListener((ChannelFuture connected) -> {
                    if (!connected.isSuccess()) {
                        plane.listener().upstreamUnreachable(proxy, upstream.toString(), connected.cause());
                        LOG.debug("proxy {}: upstream {} unreachable: {}", proxy, upstream, describe(connected.cause()));
                        client.close();
                        return;
                    }
                    if (!client.isActive() || closed) {
                        client.close();
                        connected.channel().close();
                        return;
                    }
                    Connection connection = new Connection(id, proxy, client, connected.channel(),
                            plane.randomFor(id), plane.listener(), plane.events(), plane.mqttAware(), upMeter, downMeter,
                            plane.meters().session(proxy), plane.captures());
                    connections.put(id, connection);
                    client.closeFuture().addListener(f -> connections.remove(id));
                    connection.start(toxics.get());
                });
    }

    private void releaseHanging(String cause) {
        hanging.forEach((client, held) -> held.release(client, cause));
    }

    private static String describe(Throwable error) {
        return error == null ? "unknown error" : error.getMessage() == null ? error.toString() : error.getMessage();
    }

    /** The listen address could not be bound. */
    public static final class BindException extends Exception {
        private static final long serialVersionUID = 1L;

        BindException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
