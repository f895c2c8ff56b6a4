package dev.faultlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PromQL expression of a Grafana dashboard: a panel target's or an annotation's, named by where
 * it is, with Grafana's variables replaced for evaluation by Prometheus itself.
 *
 * @param where the dashboard, panel title and refId (or annotation name)
 * @param expr  the expression as written in the dashboard
 */
record DashboardQuery(String where, String expr) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("\\b(?:faultlab|toxiproxy)_[a-z_]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

    /** Every panel target and annotation query of the dashboard in {@code file}. */
    static List<DashboardQuery> of(Path file) throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(file));
        String name = file.getFileName().toString();
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new DashboardQuery(name + " / " + panel.path("title").asText() + " / "
                        + target.path("refId").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            queries.add(new DashboardQuery(name + " / annotation " + annotation.path("name").asText(),
                    annotation.path("expr").asText()));
        }
        return queries;
    }

    /** Every query of every dashboard in {@code folder}. */
    static List<DashboardQuery> all(Path folder) throws IOException {
        List<DashboardQuery> queries = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                queries.addAll(of(file));
            }
        }
        return queries;
    }

    /** The expression with each {@code $name} replaced by {@code values.get(name)}; an unknown one fails. */
    String substituted(Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + ": unknown variable $" + matcher.group(1));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    /** The faultlab and Toxiproxy metric names {@code expr} reads (histogram series with their suffix). */
    static Set<String> metrics(String expr) {
        Set<String> names = new TreeSet<>();
        METRIC.matcher(expr).results().forEach(match -> names.add(match.group()));
        return names;
    }

    @Override
    public String toString() {
        return where + ": " + expr;
    }
}
