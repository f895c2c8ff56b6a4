package dev.faultlab.proxy.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Sits first in an accepted client's pipeline while the upstream connection is being made, and
 * keeps what the client sent in that time. Reads are off then, but a client that sends and closes
 * at once (FIN) still gets its bytes read by the transport; they are replayed, in order, once the
 * connection starts. Bounded by the socket's receive buffer, as nothing else reads the socket.
 */
final class EarlyInboundHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "early-inbound";

    private final List<Object> reads = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reads.add(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // replayed with the reads
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the client failed before the connection started; channelInactive follows
    }

    /** Hands everything kept to the handlers behind this one and leaves the pipeline. */
    void replay(ChannelHandlerContext ctx) {
        for (Object msg : reads) {
            ctx.fireChannelRead(msg);
        }
        if (!reads.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
        for (Object evt : events) {
            ctx.fireUserEventTriggered(evt);
        }
        reads.clear();
        events.clear();
        ctx.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reads.forEach(ReferenceCountUtil::release);
        reads.clear();
    }
}
