package dev.faultlab.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits in front of the MQTT decoder: passes every chunk on unchanged and, once the decoder has
 * handed out the packets the chunk completed, tells the device when the chunk left part of a
 * packet behind (the device aborts if that part makes no progress before its next wake-up).
 */
final class PartialPacketTracker extends ChannelInboundHandlerAdapter {
    private final PacketBoundaries boundaries = new PacketBoundaries();
    private final LinkHandler link;

    PartialPacketTracker(LinkHandler link) {
        this.link = link;
    }

    boolean insidePacket() {
        return boundaries.insidePacket();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            boundaries.scan(data);
        }
        ctx.fireChannelRead(msg);
        if (boundaries.insidePacket()) {
            link.partialData();
        }
    }
}
