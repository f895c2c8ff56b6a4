package dev.faultlab.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.faultlab.scenarios.model.Figure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The polled figures against a stand-in for the proxy's {@code GET /connections}: a local HTTP server
 * on port 0 answering each poll with the next of a canned sequence of listings (the last one repeated).
 */
class SampledFiguresTest {
    /** Connections of other clients: one that is kept but is not dut's, one not asked for, one without MQTT. */
    private static final String OTHER = "{\"id\": 9, \"client_id\": \"sensor-1\", \"window_down\": 7,"
            + " \"backlog_down\": 99999}, {\"id\": 10, \"client_id\": \"spare-1\"},"
            + " {\"id\": 11, \"client_id\": null}";

    private HttpServer server;
    private ConnectionSamples samples;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (samples != null) {
            samples.close();
        }
        server.stop(0);
    }

    @Test
    void theWindowShrinksFromTheSampleBeforeTheAnchorAndTheBacklogPeaks() throws Exception {
        poll(listing(5760, 0), listing(4000, 0), listing(1000, 1500), listing(0, 3000));
        await().until(() -> dut().stream().anyMatch(s -> s.windowDown() == 0));
        long anchor = dut().get(1).nanos();
        long deadline = System.nanoTime();

        assertThat(measure(Figure.WINDOW_SHRINK, anchor, deadline).value()).as("5760 before the anchor, 0 after")
                .isEqualTo(5760);
        assertThat(measure(Figure.WINDOW_MIN, anchor, deadline).value()).isZero();
        assertThat(measure(Figure.BACKLOG_PEAK, anchor, deadline).value()).as("sensor-1 is not dut's")
                .isEqualTo(3000);
        assertThat(measure(Figure.WINDOW_SHRINK, dut().get(2).nanos(), deadline).value()).as("from 4000")
                .isEqualTo(4000);
        assertThat(queries).allMatch("proxy=mqtt"::equals);
        assertThat(samples.select(s -> true)).as("connections not asked for are not kept")
                .extracting(ConnectionSamples.Sample::clientId).containsOnly("ESP32_a", "sensor-1");
    }

    @Test
    void aWindowTheProxyCannotTellFailsTheFigure() throws Exception {
        poll("[{\"id\": 3, \"client_id\": \"ESP32_a\", \"window_down\": null, \"backlog_down\": 10}]");
        await().until(() -> !dut().isEmpty());

        assertThatThrownBy(() -> measure(Figure.WINDOW_SHRINK, dut().get(0).nanos(), System.nanoTime()))
                .isInstanceOf(ExpectationFailed.class).hasMessage("the proxy does not report window_down for dut "
                        + "(ESP32_a, connection 3): it needs the epoll transport on Linux 5.4 or later");
        assertThat(measure(Figure.BACKLOG_PEAK, dut().get(0).nanos(), System.nanoTime()).value()).isEqualTo(10);
    }

    @Test
    void aProxyWithoutTheFieldsOrWithoutTheDeviceFailsTheFigure() throws Exception {
        poll("[{\"id\": 3, \"client_id\": \"ESP32_a\"}]");
        await().until(() -> !dut().isEmpty());

        assertThatThrownBy(() -> measure(Figure.BACKLOG_PEAK, dut().get(0).nanos(), System.nanoTime()))
                .isInstanceOf(ExpectationFailed.class).hasMessageStartingWith("the proxy does not report backlog_down");
        long now = System.nanoTime();
        assertThatThrownBy(() -> SampledFigures.measure(samples, Figure.WINDOW_MIN, "spare", "ESP32_z*", 0, now))
                .isInstanceOf(ExpectationFailed.class).hasMessageStartingWith("no connection of spare (ESP32_z*)");
    }

    private SampledFigures.Result measure(Figure figure, long anchor, long deadline) throws ExpectationFailed {
        return SampledFigures.measure(samples, figure, "dut", "ESP32_*", anchor, deadline);
    }

    private List<ConnectionSamples.Sample> dut() {
        return samples.select(s -> s.clientId().startsWith("ESP32_"));
    }

    private static String listing(int window, int backlog) {
        return "[{\"id\": 3, \"client_id\": \"ESP32_a\", \"window_down\": " + window + ", \"backlog_down\": "
                + backlog + "}, " + OTHER + "]";
    }

    /** Serves {@code listings} one per request, the last one from then on, and starts polling it. */
    private void poll(String... listings) throws IOException {
        AtomicInteger next = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/connections", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            byte[] body = listings[Math.min(next.getAndIncrement(), listings.length - 1)]
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        samples = ConnectionSamples.start(new ProxyApi(base), "mqtt", clientId -> !clientId.equals("spare-1"));
    }
}
