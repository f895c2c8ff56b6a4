package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Prometheus' HTTP API ({@code /api/v1}) as the lab tests read it: range queries, label values, targets. */
final class PrometheusApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    PrometheusApi(int port) {
        this.port = port;
    }

    /** The series {@code expr} yields between {@code start} and {@code end}, one point per {@code stepSeconds}. */
    JsonNode queryRange(String expr, Instant start, Instant end, int stepSeconds)
            throws IOException, InterruptedException {
        return data("/api/v1/query_range?query=" + encode(expr) + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + stepSeconds).path("result");
    }

    /** The values {@code label} took in the series {@code match} selects between {@code start} and {@code end}. */
    Set<String> labelValues(String label, String match, Instant start, Instant end)
            throws IOException, InterruptedException {
        Set<String> values = new TreeSet<>();
        data("/api/v1/label/" + label + "/values?match[]=" + encode(match) + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond()).forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Every metric name Prometheus has stored. */
    Set<String> metricNames() throws IOException, InterruptedException {
        Set<String> names = new TreeSet<>();
        data("/api/v1/label/__name__/values").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Whether every target is up and was last scraped after {@code instant}. */
    boolean everyTargetScrapedAfter(Instant instant) throws IOException, InterruptedException {
        JsonNode targets = data("/api/v1/targets").path("activeTargets");
        if (targets.isEmpty()) {
            return false;
        }
        for (JsonNode target : targets) {
            if (!target.path("health").asText().equals("up")
                    || !Instant.parse(target.path("lastScrape").asText()).isAfter(instant)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code job} label of every active target. */
    Set<String> jobs() throws IOException, InterruptedException {
        Set<String> jobs = new TreeSet<>();
        data("/api/v1/targets").path("activeTargets").forEach(t -> jobs.add(t.path("labels").path("job").asText()));
        return jobs;
    }

    private JsonNode data(String path) throws IOException, InterruptedException {
        JsonNode answer = JSON.readTree(Http.get(port, path));
        if (!answer.path("status").asText().equals("success")) {
            throw new IOException(path + ": " + answer);
        }
        return answer.path("data");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
