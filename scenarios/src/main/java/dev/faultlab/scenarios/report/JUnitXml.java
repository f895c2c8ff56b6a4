package dev.faultlab.scenarios.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML as CI servers read it: one {@code testsuite} per scenario file, one {@code testcase}
 * per run (sweep value, broker) with a {@code failure} (an expectation) or an {@code error} (set-up),
 * and the timeline and figures in {@code system-out}.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    static String render(List<RunResult> results) {
        Map<String, List<RunResult>> suites = new LinkedHashMap<>();
        for (RunResult result : results) {
            suites.computeIfAbsent(result.scenario(), k -> new java.util.ArrayList<>()).add(result);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        suites.forEach((name, runs) -> {
            long failures = runs.stream().filter(r -> r.failure() != null).count();
            long errors = runs.stream().filter(r -> r.error() != null).count();
            double time = runs.stream().mapToDouble(RunResult::seconds).sum();
            xml.append(String.format(Locale.ROOT, "  <testsuite name=\"scenarios.%s\" tests=\"%d\" failures=\"%d\" "
                    + "errors=\"%d\" time=\"%.3f\">%n", escape(name), runs.size(), failures, errors, time));
            runs.forEach(run -> testcase(xml, run));
            xml.append("  </testsuite>\n");
        });
        return xml.append("</testsuites>\n").toString();
    }

    private static void testcase(StringBuilder xml, RunResult run) {
        xml.append(String.format(Locale.ROOT, "    <testcase classname=\"scenarios.%s\" name=\"%s\" time=\"%.3f\">%n",
                escape(run.scenario()), escape(run.label()), run.seconds()));
        if (run.failure() != null) {
            xml.append("      <failure message=\"").append(escape(run.failure())).append("\"/>\n");
        }
        if (run.error() != null) {
            xml.append("      <error message=\"").append(escape(run.error())).append("\"/>\n");
        }
        StringBuilder out = new StringBuilder();
        for (StepResult step : run.steps()) {
            out.append(String.format(Locale.ROOT, "%7.3fs %d %s ... %s %s%n", step.atSeconds(), step.index(),
                    step.description(), step.status().label(), step.observation()));
        }
        for (FigureResult figure : run.figures()) {
            out.append(figure.name()).append(" = ").append(figure.formatted()).append('\n');
        }
        xml.append("      <system-out>").append(escape(out.toString())).append("</system-out>\n");
        xml.append("    </testcase>\n");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
