package dev.faultlab.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a device's channel: hands decoded packets to the device (and releases them
 * after), reports the peer's close, and closes on errors, including packets that do not decode.
 * Silent once the device closed the link itself.
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {
    private final Transport.Handler handler;
    private boolean closedByDevice;
    private Throwable failure;

    LinkHandler(Transport.Handler handler) {
        this.handler = handler;
    }

    boolean closedByDevice() {
        return closedByDevice;
    }

    void closeByDevice() {
        closedByDevice = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closedByDevice || !(msg instanceof MqttMessage message)) {
                return;
            }
            if (message.decoderResult().isFailure()) {
                failure = message.decoderResult().cause();
                ctx.close();
                return;
            }
            handler.received(message);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    void partialData() {
        if (!closedByDevice) {
            handler.partialData();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closedByDevice) {
            closedByDevice = true;
            handler.closed(failure);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }
}
