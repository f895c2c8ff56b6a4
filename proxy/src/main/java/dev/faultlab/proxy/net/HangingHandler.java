package dev.faultlab.proxy.net;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.MqttFrameSplitter;
import dev.faultlab.proxy.mqtt.codec.Connect;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;

/**
 * Holds an accepted client of a proxy in hang mode: everything it sends is read and discarded, and
 * nothing is ever answered, like a broker that accepts connections and then stalls. The CONNECT
 * the client sends names it. When the client closes its side, this side closes too.
 *
 * <p>Reports a {@code hang_accepted} event when it takes the client, and a {@code hang_ended}
 * event with how long the client was held and how it ended: {@code client_fin} or
 * {@code client_rst} when the client gave up (for a device, its CONNACK timeout), {@code hang_off}
 * or {@code proxy_stopped} when the proxy let it go. On the client's event loop.
 */
final class HangingHandler extends ChannelInboundHandlerAdapter {
    static final String HANG_OFF = "hang_off";

    private final long id;
    private final String proxy;
    private final EventBus events;
    private final ConnectionListener listener;
    private final long acceptedNanos = System.nanoTime();
    /** Finds the CONNECT; null once it was read or the client does not speak MQTT. */
    private MqttFrameSplitter splitter;
    private String remote;
    private String clientId;
    private long bytes;
    private boolean finReceived;
    private String releasedBy;

    HangingHandler(long id, String proxy, EventBus events, ConnectionListener listener, Channel client) {
        this.id = id;
        this.proxy = proxy;
        this.events = events;
        this.listener = listener;
        this.splitter = MqttFrameSplitter.detecting(client.alloc(), MqttFrameSplitter.DEFAULT_HEAD_LIMIT,
                new MqttFrameSplitter.Listener() { });
    }

    /** Lets the client go because hang mode ended or the proxy stopped ({@code cause}). From any thread. */
    void release(Channel client, String cause) {
        try {
            client.eventLoop().execute(() -> {
                if (releasedBy == null) {
                    releasedBy = cause;
                }
                client.close();
            });
        } catch (RejectedExecutionException e) {
            client.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = HostPort.format((InetSocketAddress) ctx.channel().remoteAddress());
        listener.hangAccepted(proxy);
        events.publish(new ConnectionEvent.HangAccepted(Instant.now(), id, proxy, null, remote));
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            bytes += data.readableBytes();
            if (splitter != null) {
                splitter.feed(data, this::look);
                return;
            }
        }
        ReferenceCountUtil.release(msg);
    }

    private void look(ByteBuf data, FrameLayout layout) {
        data.release();
        if (layout != null) {
            for (MqttFrame frame : layout.frames()) {
                if (frame.packet() instanceof Connect connect) {
                    clientId = connect.clientId();
                    stopLooking();
                    return;
                }
            }
        }
        if (splitter != null && splitter.isRaw()) {
            stopLooking();
        }
    }

    private void stopLooking() {
        if (splitter != null) {
            splitter.discard();
            splitter = null;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            finReceived = true;
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopLooking();
        String cause = releasedBy != null ? releasedBy : finReceived ? CloseCause.CLIENT_FIN.label()
                : CloseCause.CLIENT_RST.label();
        long waited = System.nanoTime() - acceptedNanos;
        listener.hangEnded(proxy, cause, waited);
        events.publish(new ConnectionEvent.HangEnded(Instant.now(), id, proxy, clientId, remote, cause,
                waited / 1_000_000, bytes));
    }
}
