/**
 * The data plane on Netty: {@link dev.faultlab.proxy.net.DataPlane} (event loops, transport, seeded
 * randomness), {@link dev.faultlab.proxy.net.ProxyListener} (one bound proxy),
 * {@link dev.faultlab.proxy.net.Connection} (client and upstream sockets on one event loop) and its two
 * {@code Link}s (one direction each: read, toxic chain, write, with pull backpressure); what TCP
 * holds back on a connection ({@link dev.faultlab.proxy.net.TcpWindows}, from the sockets' Linux
 * {@code TCP_INFO}), read for many connections at once by {@link dev.faultlab.proxy.net.WindowProbe}.
 */
package dev.faultlab.proxy.net;
