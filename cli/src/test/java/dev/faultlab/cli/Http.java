package dev.faultlab.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the control API (and Prometheus' API) in tests. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** GETs {@code http://127.0.0.1:<port><path>}; returns the body of a 200, fails otherwise. */
    static String get(int port, String path) throws IOException, InterruptedException {
        return send(port, path, "GET", HttpRequest.BodyPublishers.noBody());
    }

    /** POSTs {@code body} to {@code http://127.0.0.1:<port><path>}; returns the body of a 200, fails otherwise. */
    static String post(int port, String path, String body) throws IOException, InterruptedException {
        return send(port, path, "POST", HttpRequest.BodyPublishers.ofString(body));
    }

    /** DELETEs {@code http://127.0.0.1:<port><path>}; fails unless the answer is a 2xx. */
    static void delete(int port, String path) throws IOException, InterruptedException {
        send(port, path, "DELETE", HttpRequest.BodyPublishers.noBody());
    }

    private static String send(int port, String path, String method, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, body).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
