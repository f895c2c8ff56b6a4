package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.EventFilter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /events} stream of a proxy, narrowed to one device alias's client id pattern, read on a
 * daemon thread into the {@link EventLog}. The subscription is in place once {@link #open} returns,
 * so nothing the scenario does after that is missed.
 */
final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final long OPEN_TIMEOUT_SECONDS = 10;

    private final InputStream body;
    private final Thread reader;

    private EventFeed(InputStream body, Thread reader) {
        this.body = body;
        this.reader = reader;
    }

    /** Subscribes to {@code proxy}'s events of clients matching {@code pattern}, logged under {@code alias}. */
    static EventFeed open(ProxyApi api, String proxy, String alias, String pattern, EventLog log) {
        HttpResponse<InputStream> response;
        try {
            response = api.events("proxy=" + ProxyApi.encode(proxy) + "&client_id=" + ProxyApi.encode(pattern))
                    .get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyApi.ProxyApiException("GET /events: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProxyApi.ProxyApiException("GET /events: " + e, e);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new ProxyApi.ProxyApiException("GET /events: " + response.statusCode());
        }
        InputStream body = response.body();
        Thread reader = new Thread(() -> read(body, alias, log), "faultlab-events-" + alias);
        reader.setDaemon(true);
        reader.start();
        return new EventFeed(body, reader);
    }

    private static void read(InputStream body, String alias, EventLog log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    Observed event = observed(ProxyApi.JSON.readTree(line.substring(5).strip()), alias);
                    if (event.type().equals("overflow")) {
                        LOG.warn("the proxy dropped the event stream of {}: it fell {} events behind; later "
                                + "expectations on its events will not see them", alias, event.text("capacity"));
                    }
                    log.add(event);
                }
            }
            LOG.debug("event stream of {} ended", alias);
        } catch (IOException e) {
            LOG.debug("event stream of {} closed: {}", alias, e.toString());
        }
    }

    private static Observed observed(JsonNode event, String alias) {
        long now = System.nanoTime();
        JsonNode time = event.get("time");
        Instant at = time == null || time.isNull() ? Instant.now() : Instant.parse(time.asText());
        JsonNode clientId = event.get("client_id");
        return new Observed(now, at, EventFilter.Source.PROXY, event.path("type").asText(), alias,
                clientId == null || clientId.isNull() ? null : clientId.asText(), event);
    }

    @Override
    public void close() {
        closeQuietly(body);
        reader.interrupt();
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing an event stream: {}", e.toString());
        }
    }
}
