package dev.faultlab.emulator;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop group devices share (native epoll where available, NIO otherwise) and the socket
 * channel type that goes with it. Many devices per loop; closing shuts the group down.
 */
public record EventLoops(EventLoopGroup group, Class<? extends SocketChannel> socketChannel)
        implements AutoCloseable {

    /** A group of {@code threads} loops named {@code faultlab-device-*}. */
    public static EventLoops create(int threads) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("faultlab-device", true);
        if (Epoll.isAvailable()) {
            return new EventLoops(new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory()),
                    EpollSocketChannel.class);
        }
        return new EventLoops(new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
                NioSocketChannel.class);
    }

    /** A Netty transport on the next loop of the group ({@link NettyTransport#scheduler()} runs on the same loop). */
    public NettyTransport nextTransport() {
        return new NettyTransport(group.next(), socketChannel);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
