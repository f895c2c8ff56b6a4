package dev.faultlab.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Removing a toxic returns promptly whatever state the connection is in (Toxiproxy's worst bug). */
class ToxicRemovalTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(1);

    private ProxyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ProxyFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void removingARateZeroBandwidthUnderLoadReturnsAndLosesNothing() throws Exception {
        try (SinkServer sink = new SinkServer()) {
            fixture.proxy("p", sink.address());
            fixture.toxic("p", "cut", "bandwidth", "upstream", Map.of("rate", 0));
            long total = 64L * 1024 * 1024;
            try (Socket socket = fixture.connect(fixture.registry().get("p"))) {
                Writer writer = Writer.start(socket, total);
                // The proxy stops reading once it holds 16 MiB: this much written means it holds most of that.
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() >= 16L * 1024 * 1024);
                assertThat(sink.received()).isZero();
                assertTimeoutPreemptively(PROMPTLY, () -> fixture.registry().removeToxic("p", "cut"));
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.received() == total);
                writer.thread.join();
            }
        }
    }

    static Stream<Arguments> toxics() {
        return Stream.of(
                Arguments.of("latency", Map.of("latency", 1_000)),
                Arguments.of("bandwidth", Map.of("rate", 0)),
                Arguments.of("bandwidth", Map.of("rate", 10)),
                Arguments.of("slow_close", Map.of("delay", 1_000)),
                Arguments.of("timeout", Map.of("timeout", 0)),
                Arguments.of("reset_peer", Map.of("timeout", 60_000)),
                Arguments.of("slicer", Map.of("average_size", 10, "size_variation", 5, "delay", 1_000)),
                Arguments.of("limit_data", Map.of("bytes", 1L << 40)),
                Arguments.of("noop", Map.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("toxics")
    void removingAToxicWhenThePeerStoppedReadingReturns(String type, Map<String, Object> attributes) throws Exception {
        try (SinkServer stalled = new SinkServer(false)) {
            fixture.proxy("p", stalled.address());
            fixture.toxic("p", "t", type, "upstream", attributes);
            try (Socket socket = fixture.connect(fixture.registry().get("p"))) {
                Writer writer = Writer.start(socket, 64L * 1024 * 1024);
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.written() >= 1024 * 1024);
                assertTimeoutPreemptively(PROMPTLY, () -> fixture.registry().removeToxic("p", "t"));
                assertThat(fixture.registry().toxics("p")).isEmpty();
            }
        }
        // Both peers are gone: the proxy ends the connection. Waiting for it here also keeps the
        // data plane's shutdown from racing that teardown, which can strand the bytes queued
        // towards the stalled peer (a leak of the shutdown path, not of the toxics).
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.registry().connections("p").isEmpty());
    }

    /** Writes {@code total} bytes to a socket on its own thread, counting what went out. */
    private record Writer(Thread thread, AtomicLong count) {
        static Writer start(Socket socket, long total) {
            AtomicLong count = new AtomicLong();
            Thread thread = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                try {
                    OutputStream out = socket.getOutputStream();
                    while (count.get() < total) {
                        int n = (int) Math.min(block.length, total - count.get());
                        out.write(block, 0, n);
                        count.addAndGet(n);
                    }
                } catch (IOException e) {
                    // the socket was closed under the writer: the test is over
                }
            }, "writer");
            thread.setDaemon(true);
            thread.start();
            return new Writer(thread, count);
        }

        long written() {
            return count.get();
        }
    }
}
