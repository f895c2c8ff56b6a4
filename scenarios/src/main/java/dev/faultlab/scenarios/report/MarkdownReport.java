package dev.faultlab.scenarios.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's Markdown report: a summary table, then per scenario its FAQ row, a table of its sweep
 * figures (one row per value) when swept, and per run the parameters, the failure, the timeline
 * (step, time, status, observation) and the figures.
 */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(List<RunResult> results) {
        StringBuilder md = new StringBuilder("# Scenario report\n\n");
        long passed = results.stream().filter(RunResult::passed).count();
        md.append(String.format(Locale.ROOT, "%d runs, %d passed, %d failed.%n%n", results.size(), passed,
                results.size() - passed));
        md.append("| scenario | FAQ row | result | time |\n|---|---|---|---|\n");
        for (RunResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f s |%n", cell(r.label()),
                    r.faqRow() == 0 ? "" : Integer.toString(r.faqRow()), outcome(r), r.seconds()));
        }
        Map<String, List<RunResult>> byScenario = new LinkedHashMap<>();
        results.forEach(r -> byScenario.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r));
        byScenario.forEach((name, runs) -> scenario(md, name, runs));
        return md.toString();
    }

    private static void scenario(StringBuilder md, String name, List<RunResult> runs) {
        RunResult first = runs.get(0);
        md.append("\n## ").append(name).append("\n\n");
        if (first.faqRow() != 0) {
            md.append("FAQ row ").append(first.faqRow()).append(". ");
        }
        md.append(first.summary()).append("\n");
        if (runs.stream().anyMatch(r -> r.variant() != null)) {
            sweepTable(md, runs);
        }
        for (RunResult run : runs) {
            md.append("\n### ").append(run.label()).append(": ").append(outcome(run)).append("\n\n");
            md.append("Parameters: ").append(String.join(", ", run.params())).append(".\n\n");
            if (run.failure() != null) {
                md.append("**Failed:** ").append(run.failure()).append("\n\n");
            }
            if (run.error() != null) {
                md.append("**Error:** ").append(run.error()).append("\n\n");
            }
            if (!run.steps().isEmpty()) {
                md.append("| # | time | step | result | observation |\n|---|---|---|---|---|\n");
                for (StepResult s : run.steps()) {
                    md.append(String.format(Locale.ROOT, "| %d | %.3f s | %s | %s | %s |%n", s.index(), s.atSeconds(),
                            cell(s.description()), s.status().label(), cell(s.observation())));
                }
            }
            if (!run.figures().isEmpty()) {
                md.append("\n| figure | value | check |\n|---|---|---|\n");
                for (FigureResult f : run.figures()) {
                    md.append("| ").append(f.name()).append(" | ").append(f.formatted()).append(" | ")
                            .append(f.check() == null ? "" : (f.ok() ? "ok, " : "FAILED, ") + f.check()).append(" |\n");
                }
            }
        }
    }

    /** One row per sweep value, one column per figure. */
    private static void sweepTable(StringBuilder md, List<RunResult> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> r.figures().forEach(f -> names.add(f.name())));
        md.append("\n| value | result |");
        names.forEach(n -> md.append(' ').append(n).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(names.size())).append('\n');
        for (RunResult run : runs) {
            md.append("| ").append(run.variant()).append(" | ").append(outcome(run)).append(" |");
            for (String name : names) {
                md.append(' ').append(run.figures().stream().filter(f -> f.name().equals(name)).findFirst()
                        .map(FigureResult::formatted).orElse("")).append(" |");
            }
            md.append('\n');
        }
    }

    private static String outcome(RunResult run) {
        return run.passed() ? "passed" : run.error() != null ? "error" : "FAILED";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
