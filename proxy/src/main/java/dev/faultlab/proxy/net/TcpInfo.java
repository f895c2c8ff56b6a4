package dev.faultlab.proxy.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.RawUnixChannelOption;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Two fields of Linux's {@code struct tcp_info} ({@code getsockopt(IPPROTO_TCP, TCP_INFO)}, uapi
 * {@code linux/tcp.h}) for one epoll socket: the receive window its peer advertises
 * ({@code tcpi_snd_wnd}, after window scaling, in bytes; Linux 5.4 and later) and the bytes of this
 * socket's output the peer has acknowledged ({@code tcpi_bytes_acked}). The kernel counts the SYN
 * of a socket that connected (not of an accepted one) and a FIN once acknowledged as one byte each;
 * {@link #bytesAcked} leaves the SYN out, {@link #backlog} never goes below 0 after a FIN.
 *
 * <p>One system call per read, on the socket's event loop. Netty does not tell how many bytes the
 * kernel filled in, so an older kernel (whose {@code tcp_info} ends before {@code tcpi_snd_wnd})
 * is recognised by its version; there, on the NIO transport and when the call fails, the fields
 * are unknown and {@link #read} gives null.
 */
record TcpInfo(long sendWindow, long bytesAcked) {
    /** {@code tcpi_bytes_acked}, a u64. */
    private static final int BYTES_ACKED = 120;
    /** {@code tcpi_snd_wnd}, a u32. */
    private static final int SND_WND = 228;
    private static final RawUnixChannelOption TCP_INFO =
            new RawUnixChannelOption("TCP_INFO", 6 /* IPPROTO_TCP */, 11 /* TCP_INFO */, SND_WND + Integer.BYTES);
    private static final boolean KERNEL_HAS_SND_WND = atLeast(System.getProperty("os.version", ""), 5, 4);

    /** The socket's TCP_INFO now, or null when unknown. On the channel's event loop. */
    static TcpInfo read(Channel channel) {
        if (!KERNEL_HAS_SND_WND || !(channel instanceof EpollSocketChannel) || !channel.isActive()) {
            return null;
        }
        try {
            ByteBuffer info = channel.config().getOption(TCP_INFO).order(ByteOrder.nativeOrder());
            long syn = channel.parent() == null ? 1 : 0;
            return new TcpInfo(Integer.toUnsignedLong(info.getInt(SND_WND)),
                    Math.max(0, info.getLong(BYTES_ACKED) - syn));
        } catch (ChannelException e) {
            return null;
        }
    }

    /**
     * Bytes of the {@code delivered} ones (handed to this socket) its peer has not acknowledged yet:
     * waiting in Netty's outbound buffer, in the kernel's send queue or in flight; never below 0.
     */
    long backlog(long delivered) {
        return Math.max(0, delivered - bytesAcked);
    }

    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("[.-]", 3);
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || actualMajor == major && actualMinor >= minor;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
