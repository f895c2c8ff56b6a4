package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.testing.SinkServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Latency and bandwidth measured through a real proxy on loopback sockets. */
class ToxicAccuracyTest {
    private static final Logger LOG = LoggerFactory.getLogger(ToxicAccuracyTest.class);

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
    void aHundredMillisecondLatencyAddsAHundredMillisecondsToARoundTrip() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            ProxyState proxy = fixture.proxy("echo", echo.address());
            try (Socket socket = fixture.connect(proxy)) {
                roundTripMillis(socket);
                fixture.toxic("echo", "lag", "latency", "downstream", Map.of("latency", 100));
                double[] samples = new double[7];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = roundTripMillis(socket);
                }
                Arrays.sort(samples);
                double median = samples[samples.length / 2];
                LOG.info("latency 100 ms: round trips {} ms, median {} ms", Arrays.toString(samples), median);
                assertThat(median).isBetween(100.0, 110.0);
            }
        }
    }

    @Test
    void fourHundredEightyKilobytesAtAThousandKilobytesPerSecondTakeFourHundredEightyMillis() throws Exception {
        try (SinkServer sink = new SinkServer()) {
            ProxyState proxy = fixture.proxy("sink", sink.address());
            fixture.toxic("sink", "rate", "bandwidth", "upstream", Map.of("rate", 1000));
            try (Socket socket = fixture.connect(proxy)) {
                byte[] payload = new byte[480_000];
                long start = System.nanoTime();
                socket.getOutputStream().write(payload);
                await().atMost(Duration.ofSeconds(5)).until(() -> sink.received() == payload.length);
                double millis = (sink.lastReadAt() - start) / 1e6;
                LOG.info("480 KB at 1000 KB/s took {} ms", millis);
                assertThat(millis).isBetween(432.0, 528.0);
            }
        }
    }

    @Test
    void aHundredMillisecondLatencyStillPassesAHundredMegabytesPerSecond() throws Exception {
        long total = 200L * 1000 * 1000;
        try (SinkServer sink = new SinkServer()) {
            ProxyState proxy = fixture.proxy("sink", sink.address());
            fixture.toxic("sink", "lag", "latency", "upstream", Map.of("latency", 100));
            try (Socket socket = fixture.connect(proxy)) {
                byte[] block = new byte[256 * 1024];
                OutputStream out = socket.getOutputStream();
                long start = System.nanoTime();
                for (long sent = 0; sent < total; sent += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, total - sent));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> sink.received() == total);
                double seconds = (sink.lastReadAt() - start) / 1e9;
                double megabytesPerSecond = total / 1e6 / seconds;
                LOG.info("200 MB through a 100 ms latency in {} s: {} MB/s", seconds, megabytesPerSecond);
                assertThat(megabytesPerSecond).isGreaterThanOrEqualTo(100.0);
            }
        }
    }

    private static double roundTripMillis(Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long start = System.nanoTime();
        out.write('x');
        assertThat(in.read()).isEqualTo('x');
        return (System.nanoTime() - start) / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
