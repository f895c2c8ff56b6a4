package dev.faultlab.proxy.net;

/**
 * What TCP holds back on one connection, per direction, read from the {@link TcpInfo} of its two
 * sockets; every value in bytes, null when unknown (the NIO transport, a kernel before 5.4, a
 * failed read).
 *
 * @param windowUp the receive window the upstream (broker) advertises to the proxy
 * @param windowDown the receive window the client (device) advertises to the proxy
 * @param backlogUp bytes the proxy passed towards the upstream that its TCP has not acknowledged
 *     yet (Netty's outbound buffer, the kernel's send queue, in flight)
 * @param backlogDown the same towards the client
 */
public record TcpWindows(Long windowUp, Long windowDown, Long backlogUp, Long backlogDown) {
    /**
     * From the upstream and client sockets' TCP_INFO (either may be null) and the bytes the proxy
     * handed to each.
     */
    static TcpWindows of(TcpInfo upstream, long deliveredUp, TcpInfo client, long deliveredDown) {
        return new TcpWindows(upstream == null ? null : upstream.sendWindow(),
                client == null ? null : client.sendWindow(),
                upstream == null ? null : upstream.backlog(deliveredUp),
                client == null ? null : client.backlog(deliveredDown));
    }
}
