package dev.faultlab.proxy.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The handler at the end of each socket's pipeline: hands reads to the link this socket feeds,
 * writability to the link that writes into it, and FIN, errors and closes to the connection.
 */
final class ForwardHandler extends ChannelInboundHandlerAdapter {
    private final Connection connection;
    private final Link reading;
    private final Link writing;

    ForwardHandler(Connection connection, Link reading, Link writing) {
        this.connection = connection;
        this.reading = reading;
        this.writing = writing;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data && !connection.isClosed()) {
            reading.onRead(data);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading.onReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writing.updateReading();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            connection.finReceived(ctx.channel());
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.inactive(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.failed(ctx.channel(), cause);
    }
}
