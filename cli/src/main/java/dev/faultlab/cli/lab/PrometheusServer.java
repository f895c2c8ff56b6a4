package dev.faultlab.cli.lab;

import dev.faultlab.broker.ChildProcess;
import dev.faultlab.broker.LoopbackPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's Prometheus for the native lab: a generated scrape configuration
 * ({@link ScrapeConfig}), a time-series database in the lab's folder, the web API on 127.0.0.1,
 * and the server's log beside them. Started means ready: {@code /-/ready} answered 200.
 */
public final class PrometheusServer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private PrometheusServer() {
    }

    /**
     * Starts {@code binary} on 127.0.0.1:{@code port} (0: a free port), scraping what {@code scrape}
     * lists.
     *
     * @param folder where the configuration, the database and the log go
     */
    public static ChildProcess start(Path binary, int port, ScrapeConfig scrape, Path folder) throws IOException {
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, scrape.render());
        Path data = Files.createDirectories(folder.resolve("prometheus-data"));
        ChildProcess prometheus = LoopbackPort.start("prometheus", port, chosen -> ChildProcess.start("prometheus",
                List.of(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + data,
                        "--web.listen-address=127.0.0.1:" + chosen, "--log.level=warn"),
                chosen, folder.resolve("prometheus.log"), START_TIMEOUT));
        try {
            awaitReady(prometheus);
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    private static void awaitReady(ChildProcess prometheus) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheus.port() + "/-/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline && prometheus.isAlive()) {
                if (answers200(client, ready)) {
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(prometheus + " did not become ready; its log: " + prometheus.log());
    }

    private static boolean answers200(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
