package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No byte is lost, duplicated or reordered while toxics change on a live stream: Toxiproxy's
 * counter-stream invariant, a large random transfer under random toxic churn, and half-close.
 */
class IntegrityTest {
    private EchoServer echo;
    private ProxyFixture fixture;
    private ProxyRegistry registry;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        fixture = new ProxyFixture();
        registry = fixture.registry();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        echo.close();
    }

    @Test
    void theCounterStreamArrivesCompleteAndInOrderWhileLatencyComesAndGoes() throws Exception {
        ProxyState proxy = fixture.proxy("counter", echo.address());
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> {
            int cycles = 0;
            while (running.get()) {
                String stream = cycles % 2 == 0 ? "upstream" : "downstream";
                registry.addToxic("counter", new ToxicRequest("lag", "latency", stream, null,
                        Map.of("latency", 1 + cycles % 5, "jitter", cycles % 3)));
                registry.removeToxic("counter", "lag");
                cycles++;
            }
            return cycles;
        });
        try (Socket socket = fixture.connect(proxy)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeCounters(socket));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int expected = 0; expected <= 65534; expected++) {
                assertThat(in.readUnsignedShort()).as("counter").isEqualTo(expected);
            }
            writer.get(30, TimeUnit.SECONDS);
        } finally {
            running.set(false);
        }
        assertThat(churn.get(10, TimeUnit.SECONDS)).as("toxic add/remove cycles during the stream").isGreaterThan(10);
    }

    @Test
    void sixtyFourMebibytesCrossByteExactUnderRandomToxicChurn() throws Exception {
        ProxyState proxy = fixture.proxy("churn", echo.address());
        long seed = 20261201L;
        int total = 64 * 1024 * 1024;
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Integer> churn = CompletableFuture.supplyAsync(() -> churnToxics("churn", running));
        try (Socket socket = fixture.connect(proxy)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeRandom(socket, seed, total));
            Random expected = new Random(seed);
            InputStream in = socket.getInputStream();
            byte[] got = new byte[64 * 1024];
            byte[] want = new byte[64 * 1024];
            long offset = 0;
            while (offset < total) {
                int n = in.read(got, 0, (int) Math.min(got.length, total - offset));
                assertThat(n).as("bytes before EOF at offset %d", offset).isPositive();
                nextBytes(expected, want, n);
                for (int i = 0; i < n; i++) {
                    if (got[i] != want[i]) {
                        throw new AssertionError("byte " + (offset + i) + " differs");
                    }
                }
                offset += n;
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(offset).isEqualTo(total);
        } finally {
            running.set(false);
        }
        assertThat(churn.get(10, TimeUnit.SECONDS)).as("toxic changes during the transfer").isGreaterThan(10);
    }

    @Test
    void aHalfClosedRequestGetsItsResponseThroughALatencyToxic() throws Exception {
        ProxyState proxy = fixture.proxy("half", echo.address());
        registry.addToxic("half", new ToxicRequest("slow", "latency", "upstream", null, Map.of("latency", 20)));
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write("question".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            assertThat(answer.toString(StandardCharsets.US_ASCII)).isEqualTo("question");
        }
    }

    /** Adds, updates and removes latency, slicer and bandwidth toxics at random until told to stop. */
    private int churnToxics(String proxy, AtomicBoolean running) {
        Random random = new Random(7);
        List<String> present = new ArrayList<>();
        int changes = 0;
        while (running.get()) {
            int kind = random.nextInt(3);
            String stream = random.nextBoolean() ? "upstream" : "downstream";
            String name = new String[] {"latency", "slicer", "bandwidth"}[kind] + "_" + stream;
            if (present.contains(name)) {
                if (random.nextBoolean()) {
                    registry.removeToxic(proxy, name);
                    present.remove(name);
                } else {
                    registry.updateToxic(proxy, name, new ToxicRequest(null, null, null,
                            random.nextDouble(), attributes(kind, random)));
                }
            } else {
                registry.addToxic(proxy, new ToxicRequest(name, name.substring(0, name.indexOf('_')), stream,
                        null, attributes(kind, random)));
                present.add(name);
            }
            changes++;
            if (changes % 16 == 0) {
                Thread.onSpinWait();
            }
        }
        return changes;
    }

    private static Map<String, Object> attributes(int kind, Random random) {
        return switch (kind) {
            case 0 -> Map.of("latency", random.nextInt(5), "jitter", random.nextInt(3));
            case 1 -> Map.of("average_size", 1000 + random.nextInt(8000), "size_variation", random.nextInt(500),
                    "delay", random.nextInt(50));
            default -> Map.of("rate", 100_000 + random.nextInt(200_000));
        };
    }

    private static void writeCounters(Socket socket) {
        try {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            for (int i = 0; i <= 65534; i++) {
                out.writeShort(i);
                if (i % 64 == 63) {
                    out.flush();
                }
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeRandom(Socket socket, long seed, int total) {
        try {
            Random random = new Random(seed);
            OutputStream out = socket.getOutputStream();
            byte[] block = new byte[48 * 1024];
            int sent = 0;
            while (sent < total) {
                int n = Math.min(block.length, total - sent);
                nextBytes(random, block, n);
                out.write(block, 0, n);
                sent += n;
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills {@code n} bytes one at a time, so any split of the stream yields the same sequence. */
    private static void nextBytes(Random random, byte[] into, int n) {
        for (int i = 0; i < n; i++) {
            into[i] = (byte) random.nextInt(256);
        }
    }
}
