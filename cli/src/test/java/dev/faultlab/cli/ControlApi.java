package dev.faultlab.cli;

import dev.faultlab.proxy.testing.MetricsText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The control API's fault routes as the lab tests drive them: add and remove a toxic, hang mode, cut
 * a client's connection; and the metrics they wait on.
 */
final class ControlApi {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    ControlApi(int port) {
        this.port = port;
    }

    /** Adds a toxic to the lab's {@code mqtt} proxy; {@code attributes} is a JSON object. */
    void addToxic(String name, String type, String stream, String attributes) throws IOException, InterruptedException {
        send("POST", "/proxies/" + Lab.PROXY_NAME + "/toxics", "{\"name\":\"" + name + "\",\"type\":\"" + type
                + "\",\"stream\":\"" + stream + "\",\"attributes\":" + attributes + "}");
    }

    void removeToxic(String name) throws IOException, InterruptedException {
        send("DELETE", "/proxies/" + Lab.PROXY_NAME + "/toxics/" + name, null);
    }

    /** Turns the {@code mqtt} proxy's hang mode on or off. */
    void hang(boolean on) throws IOException, InterruptedException {
        send("PATCH", "/proxies/" + Lab.PROXY_NAME, "{\"hang\":" + on + "}");
    }

    /** Closes every connection of {@code clientId} with a FIN to both sides. */
    void cutWithFin(String clientId) throws IOException, InterruptedException {
        send("DELETE", "/connections/" + clientId + "?mode=fin", null);
    }

    /** The proxy's {@code /metrics} now. */
    MetricsText metrics() throws IOException, InterruptedException {
        return MetricsText.of(send("GET", "/metrics", null));
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
