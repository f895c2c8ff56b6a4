package dev.faultlab.scenarios.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The console's view: a progress line per step
 * ({@code [no-pingresp] 3/7 expect connection_closed of dut within 3.000s (keepalive + 1s) ... ok after 2.041s}),
 * a line per finished run, and a summary with every failure's message. Safe to share between
 * runs going on in parallel (one line at a time).
 */
public final class ConsoleReport implements Progress {
    private final PrintWriter out;

    public ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void step(String label, int total, StepResult result) {
        out.printf(Locale.ROOT, "[%s] %d/%d %s ... %s%s%n", label, result.index(), total, result.description(),
                result.status().label(), result.observation().isEmpty() ? "" : " " + result.observation());
        out.flush();
    }

    @Override
    public synchronized void finished(RunResult result) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "[%s] %s in %.1f s", result.label(),
                result.passed() ? "PASSED" : result.error() != null ? "ERROR" : "FAILED", result.seconds()));
        for (FigureResult figure : result.figures()) {
            line.append("; ").append(figure.name()).append(' ').append(figure.formatted());
        }
        out.println(line);
        if (result.error() != null) {
            out.println("  " + result.error());
        }
        out.flush();
    }

    /** The closing summary: counts, then each failure and error. */
    public synchronized void summary(List<RunResult> results) {
        long passed = results.stream().filter(RunResult::passed).count();
        out.printf(Locale.ROOT, "%n%d scenario run%s: %d passed, %d failed%n", results.size(),
                results.size() == 1 ? "" : "s", passed, results.size() - passed);
        for (RunResult result : results) {
            if (result.failure() != null) {
                out.println("FAILED " + result.label() + ": " + result.failure());
            } else if (result.error() != null) {
                out.println("ERROR  " + result.label() + ": " + result.error());
            }
        }
        out.flush();
    }
}
