package dev.faultlab.scenarios.report;

import java.nio.file.Path;
import java.util.List;

/**
 * One run of a scenario's timeline (one sweep value, one broker).
 *
 * @param variant  the sweep value ({@code keepalive=3s}) or null
 * @param broker   the broker behind the proxy ({@code embedded}, {@code mosquitto}, or {@code remote})
 * @param params   the parameters it ran with, {@code name=value}
 * @param failure  the first failed expectation's message, or null
 * @param error    what kept it from running (bad file, proxy unreachable, a device that never
 *                 connected), or null
 */
public record RunResult(String scenario, Path file, int faqRow, String summary, String variant, String broker,
                        List<String> params, List<StepResult> steps, List<FigureResult> figures, String failure,
                        String error, double seconds) {

    public RunResult {
        params = List.copyOf(params);
        steps = List.copyOf(steps);
        figures = List.copyOf(figures);
    }

    public boolean passed() {
        return failure == null && error == null;
    }

    /** {@code no-pingresp}, {@code keepalive-sweep[keepalive=3s]}, {@code will-on-cut@mosquitto}. */
    public String label() {
        return label(scenario, variant, broker);
    }

    /** The label of a run of {@code scenario}, for progress lines before the result exists. */
    public static String label(String scenario, String variant, String broker) {
        String label = scenario;
        if (variant != null) {
            label += "[" + variant + "]";
        }
        if (broker != null && !broker.equals("embedded") && !broker.equals("remote")) {
            label += "@" + broker;
        }
        return label;
    }
}
