package dev.faultlab.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * The real wire: an MQTT client channel on one event loop, with Netty's MQTT codec (the decoder's
 * limit raised from its default 8 KiB so large publishes decode). The device's
 * {@link EventLoopScheduler} must run on the same loop, so every callback is on the device's thread.
 */
public final class NettyTransport implements Transport {
    /** The largest inbound packet the decoder accepts. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelType;

    public NettyTransport(EventLoop loop, Class<? extends SocketChannel> channelType) {
        this.loop = loop;
        this.channelType = channelType;
    }

    /** A scheduler on this transport's loop. */
    public EventLoopScheduler scheduler() {
        return new EventLoopScheduler(loop);
    }

    @Override
    public Link open(String host, int port, Handler handler) {
        LinkHandler linkHandler = new LinkHandler(handler);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(MAX_MESSAGE_BYTES), MqttEncoder.INSTANCE, linkHandler);
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        NettyLink link = new NettyLink(connect.channel(), linkHandler);
        connect.addListener(done -> {
            if (linkHandler.closedByDevice()) {
                return;
            }
            if (done.isSuccess()) {
                handler.connected();
            } else {
                handler.connectFailed(done.cause());
            }
        });
        return link;
    }

    /** A link over one channel; closing it silences its handler. */
    private static final class NettyLink implements Link {
        private final Channel channel;
        private final LinkHandler handler;

        NettyLink(Channel channel, LinkHandler handler) {
            this.channel = channel;
            this.handler = handler;
        }

        @Override
        public void send(MqttMessage message) {
            channel.writeAndFlush(message, channel.voidPromise());
        }

        @Override
        public void close() {
            handler.closeByDevice();
            channel.close();
        }
    }
}
