package dev.faultlab.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JUnit XML and Markdown from results: structure, escaping, and the failure's message in both. */
class ReportsTest {
    private static final String FAILURE = "step 2 'expect connack of dut where code=5 within 1.000s': "
            + "nothing within the window; last events: <none> & \"more\"";

    @TempDir
    Path dir;

    @Test
    void junitHasASuitePerScenarioAndEscapesMessages() throws Exception {
        Reports.writeJUnit(dir.resolve("deep/junit.xml"), results());

        String xml = Files.readString(dir.resolve("deep/junit.xml"));
        assertThat(xml)
                .contains("<testsuite name=\"scenarios.refusal\" tests=\"1\" failures=\"1\" errors=\"0\"")
                .contains("<testsuite name=\"scenarios.sweep\" tests=\"2\" failures=\"0\" errors=\"2\"")
                .contains("<failure message=\"step 2 'expect connack of dut where code=5 within 1.000s': nothing "
                        + "within the window; last events: &lt;none&gt; &amp; &quot;more&quot;\"/>")
                .contains("<error message=\"devices 'dut': 0 of 1 clients matching ESP32_* connected\"/>")
                .contains("  0.500s 1 fault refusal.not_authorized ... ok added")
                .contains("retry = 1.017 s");
    }

    @Test
    void markdownHasTheTimelineTheFiguresAndTheSweepTable() throws Exception {
        String md = Files.readString(Reports.writeDirectory(dir, results()));

        assertThat(md).contains("3 runs, 0 passed, 3 failed.")
                .contains("| refusal | 2 | FAILED | 1.5 s |")
                .contains("FAQ row 2. CONNACK refused.")
                .contains("**Failed:** " + FAILURE)
                .contains("| 1 | 0.500 s | fault refusal.not_authorized | ok | added |")
                .contains("| retry | 1.017 s | ok, between 0.800s and 2.000s |")
                .contains("| value | result | detect |")
                .contains("| keepalive=2s | error | 2.000 s |")
                .contains("| keepalive=3s | error |  |");
        assertThat(dir.resolve("junit.xml")).exists();
    }

    private static List<RunResult> results() {
        StepResult added = new StepResult(1, "fault refusal.not_authorized", StepResult.Status.OK, 0.5, "added");
        StepResult failed = new StepResult(2, "expect connack of dut where code=5 within 1.000s",
                StepResult.Status.FAILED, 1.5, "nothing within the window");
        FigureResult retry = new FigureResult("retry", 1017, true, "between 0.800s and 2.000s", true);
        String error = "devices 'dut': 0 of 1 clients matching ESP32_* connected";
        return List.of(
                new RunResult("refusal", Path.of("refusal.yaml"), 2, "CONNACK refused.", null, "embedded",
                        List.of("reconnect=1.000s"), List.of(added, failed), List.of(retry), FAILURE, null, 1.5),
                new RunResult("sweep", Path.of("sweep.yaml"), 10, "Swept.", "keepalive=2s", "embedded", List.of(),
                        List.of(), List.of(new FigureResult("detect", 2000, true, null, true)), null, error, 2),
                new RunResult("sweep", Path.of("sweep.yaml"), 10, "Swept.", "keepalive=3s", "embedded", List.of(),
                        List.of(), List.of(), null, error, 3));
    }
}
