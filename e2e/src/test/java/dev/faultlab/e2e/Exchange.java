package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One TCP conversation through a proxy: a client socket sends {@code upstream} in random pieces
 * and ends its output, a {@link ScriptedPeer} answers with {@code downstream} once it has
 * {@code speakAfter} bytes; both read until the other side's end of stream.
 *
 * @param atBroker every byte the broker side received
 * @param atClient every byte the client side received
 */
record Exchange(byte[] atBroker, byte[] atClient) {

    static Exchange through(ProxyFixture proxy, String name, byte[] upstream, byte[] downstream, int speakAfter,
                            long seed) throws Exception {
        try (ScriptedPeer broker = new ScriptedPeer(downstream, speakAfter, seed)) {
            proxy.proxy(name, broker.address());
            HostPort listen = proxy.listen(name);
            byte[] atClient;
            try (Socket client = new Socket(listen.host(), listen.port())) {
                client.setTcpNoDelay(true);
                client.setSoTimeout(30_000);
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(client, upstream, seed));
                atClient = client.getInputStream().readAllBytes();
                sent.join();
            }
            broker.awaitWritten();
            return new Exchange(broker.received(), atClient);
        }
    }

    /** Asserts both directions arrived exactly as sent, naming the first differing byte if not. */
    void assertUnchanged(byte[] upstream, byte[] downstream) {
        assertSame("client to broker", atBroker, upstream);
        assertSame("broker to client", atClient, downstream);
    }

    private static void assertSame(String direction, byte[] received, byte[] sent) {
        assertThat(Arrays.mismatch(received, sent))
                .as("%s: index of the first differing byte (%d bytes sent, %d received)", direction, sent.length,
                        received.length)
                .isEqualTo(-1);
    }

    private static void send(Socket socket, byte[] data, long seed) {
        try {
            Fragments.write(socket.getOutputStream(), data, new SplittableRandom(~seed));
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
