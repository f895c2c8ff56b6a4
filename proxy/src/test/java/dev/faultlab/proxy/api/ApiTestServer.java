package dev.faultlab.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An API server on 127.0.0.1 and a free port over a real data plane, with a raw HTTP client
 * (java.net.http) for tests that check status codes, headers and bodies byte for byte.
 */
final class ApiTestServer implements AutoCloseable {
    static final String VERSION = "9.8.7-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProxyFixture fixture = new ProxyFixture();
    private final PrometheusRegistry metrics = new PrometheusRegistry();
    private final ApiServer api;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    ApiTestServer() throws IOException {
        this(ApiServer.Options.defaults(VERSION));
    }

    ApiTestServer(ApiServer.Options options) throws IOException {
        api = new ApiServer(fixture.registry(), metrics, options);
        api.start("127.0.0.1", 0);
    }

    ProxyRegistry registry() {
        return fixture.registry();
    }

    PrometheusRegistry metrics() {
        return metrics;
    }

    int port() {
        return api.port();
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Allow").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code text} through the proxy listening on {@code listen} and reads the echo back. */
    static String roundTrip(String listen, String text) throws IOException {
        HostPort address = HostPort.parse(listen);
        try (Socket socket = new Socket(address.host(), address.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(text.length()), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        api.close();
        fixture.close();
    }

    /** An HTTP answer. */
    record Reply(int status, String body, String contentType, String allow) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
