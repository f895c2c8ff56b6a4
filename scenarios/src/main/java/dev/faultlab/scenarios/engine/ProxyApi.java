package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The proxy's HTTP API as the engine uses it: toxics (Toxiproxy routes), a proxy's addresses,
 * {@code /connections} and the {@code /events} stream. Java's {@code HttpClient} (whose agent is
 * not {@code Java/}, so listings show the MQTT faults too).
 */
public final class ProxyApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    /** @param base the API's root, e.g. {@code http://127.0.0.1:8474} */
    public ProxyApi(URI base) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
    }

    /** {@code GET /proxies/{proxy}}: name, listen, upstream, enabled, toxics. */
    public JsonNode proxy(String proxy) {
        return ok(send("GET", "/proxies/" + encode(proxy), null));
    }

    /** {@code PATCH /proxies/{proxy}}: a partial update (enabled, hang, listen, upstream). */
    public JsonNode updateProxy(String proxy, ObjectNode changes) {
        return ok(send("PATCH", "/proxies/" + encode(proxy), changes));
    }

    /** {@code POST /proxies/{proxy}/toxics}. */
    public JsonNode addToxic(String proxy, ObjectNode toxic) {
        return ok(send("POST", "/proxies/" + encode(proxy) + "/toxics", toxic));
    }

    /** {@code POST /proxies/{proxy}/toxics/{toxic}} with new attributes. */
    public JsonNode updateToxic(String proxy, String toxic, ObjectNode body) {
        return ok(send("POST", "/proxies/" + encode(proxy) + "/toxics/" + encode(toxic), body));
    }

    /** {@code DELETE /proxies/{proxy}/toxics/{toxic}}; a toxic that is gone already counts as removed. */
    public void removeToxic(String proxy, String toxic) {
        HttpResponse<String> response = send("DELETE", "/proxies/" + encode(proxy) + "/toxics/" + encode(toxic), null);
        if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
            throw failure(response);
        }
    }

    /** {@code GET /connections?proxy=}: the live connections of a proxy. */
    public JsonNode connections(String proxy) {
        return ok(send("GET", "/connections?proxy=" + encode(proxy), null));
    }

    /** {@code DELETE /connections/{id}?mode=fin|rst}; a connection that is gone already counts as cut. */
    public void cut(long connection, String mode) {
        HttpResponse<String> response = send("DELETE", "/connections/" + connection + "?mode=" + mode, null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure(response);
        }
    }

    /**
     * {@code GET /connections/{client}/capture[?seconds=]}: the live pcap stream of the newest
     * connection of that client id, from now on (open until the connection closes, the time is up or
     * the stream is closed).
     */
    InputStream capture(String clientId, Long seconds) {
        String path = "/connections/" + encode(clientId) + "/capture" + (seconds == null ? "" : "?seconds=" + seconds);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    throw new ProxyApiException("GET " + path + ": " + response.statusCode() + " "
                            + new String(body.readAllBytes(), StandardCharsets.UTF_8).strip());
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new ProxyApiException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyApiException("GET " + path + ": interrupted", e);
        }
    }

    /** Opens {@code GET /events} with a query; completes once the stream's headers arrived. */
    CompletableFuture<HttpResponse<InputStream>> events(String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/events?" + query))
                .header("Accept", "text/event-stream").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").method(method, publisher).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProxyApiException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyApiException(method + " " + path + ": interrupted", e);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw failure(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ProxyApiException(response.request().method() + " " + response.uri() + ": not JSON", e);
        }
    }

    private static ProxyApiException failure(HttpResponse<String> response) {
        return new ProxyApiException(response.request().method() + " " + response.uri().getRawPath() + ": "
                + response.statusCode() + " " + response.body().strip());
    }

    /** The API answered with an error, or could not be reached. */
    public static final class ProxyApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProxyApiException(String message) {
            super(message);
        }

        ProxyApiException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
