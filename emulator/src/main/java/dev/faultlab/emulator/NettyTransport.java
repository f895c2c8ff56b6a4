package dev.faultlab.emulator;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * The real wire: an MQTT client channel on one event loop, with Netty's MQTT codec (the decoder's
 * limit raised from its default 8 KiB so large publishes decode), a send buffer of about lwIP's and,
 * when the device has one, its receive buffer (so it advertises an lwIP-sized window). The device's
 * {@link EventLoopScheduler} must run on the same loop, so every callback is on the device's thread.
 */
public final class NettyTransport implements Transport {
    /** The device's TCP send buffer, about lwIP's default. */
    static final int SEND_BUFFER_BYTES = 5744;
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
    public Link open(String host, int port, int receiveBuffer, Handler handler) {
        LinkHandler linkHandler = new LinkHandler(handler);
        PartialPacketTracker tracker = new PartialPacketTracker(linkHandler);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tracker, new MqttDecoder(MAX_MESSAGE_BYTES), MqttEncoder.INSTANCE,
                                linkHandler);
                    }
                });
        if (receiveBuffer > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
        }
        ChannelFuture connect = bootstrap.connect(host, port);
        NettyLink link = new NettyLink(connect.channel(), linkHandler, tracker);
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

    /** A link over one channel; closing it silences its handler. Counts writes for the write timeout. */
    private static final class NettyLink implements Link {
        private final Channel channel;
        private final LinkHandler handler;
        private final PartialPacketTracker tracker;
        private final ChannelFutureListener written = future -> written();
        private long issued;
        private long completed;

        NettyLink(Channel channel, LinkHandler handler, PartialPacketTracker tracker) {
            this.channel = channel;
            this.handler = handler;
            this.tracker = tracker;
        }

        @Override
        public void send(MqttMessage message) {
            issued++;
            channel.writeAndFlush(message).addListener(written);
        }

        private void written() {
            completed++;
        }

        @Override
        public boolean writePending() {
            return completed < issued;
        }

        @Override
        public long writesCompleted() {
            return completed;
        }

        @Override
        public boolean readingPartialPacket() {
            return tracker.insidePacket();
        }

        @Override
        public void reading(boolean on) {
            channel.config().setAutoRead(on);
        }

        @Override
        public void close() {
            handler.closeByDevice();
            channel.close();
        }
    }
}
