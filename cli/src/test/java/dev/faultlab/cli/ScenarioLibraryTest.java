package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.faultlab.scenarios.engine.RunSettings;
import dev.faultlab.scenarios.engine.Runner;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.parse.ScenarioFiles;
import dev.faultlab.scenarios.report.ConsoleReport;
import dev.faultlab.scenarios.report.RunResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole scenario library ({@code scenarios/faq/}) with the compressed preset and emulated
 * devices, one dynamic test per scenario and broker: every scenario on the embedded broker, and those
 * whose {@code brokers} name Mosquitto on Mosquitto too, each in a fresh in-process lab (its own
 * ports). The runs start together, {@link #PARALLEL} at a time, when the tests are made; each test
 * waits for its own run and fails with that run's message. {@code -Dscenario=NAME} runs only the
 * scenario of that name ({@code mvn -pl cli -am test -Dtest=ScenarioLibraryTest -Dscenario=window-shrink}).
 */
class ScenarioLibraryTest {
    static final Path LIBRARY = Path.of("..", "scenarios", "faq");
    /** Scenario runs at once: the compressed windows hold with this many on two cores. */
    static final int PARALLEL = 3;
    private static final long RUN_TIMEOUT_MINUTES = 5;

    @TempDir
    Path captures;

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        String only = System.getProperty("scenario");
        List<Scenario> scenarios = ScenarioFiles.load(List.of(LIBRARY)).stream()
                .filter(scenario -> only == null || only.equals(scenario.name())).toList();
        assertThat(scenarios).as("scenarios named %s", only).isNotEmpty();
        ConsoleReport console = new ConsoleReport(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<DynamicTest> tests = scenarios.stream().flatMap(scenario -> scenario.brokers().stream().map(broker -> {
            Future<List<RunResult>> run = pool.submit(() -> new Runner(RunSettings.compressed().withCaptures(captures),
                    new InProcessLabs(0), 1, console).run(List.of(scenario), s -> List.of(broker)));
            return dynamicTest(scenario.name() + " on " + broker, () -> {
                List<RunResult> results = run.get(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(result.passed())
                        .as("%s: %s", result.label(), result.failure() != null ? result.failure() : result.error())
                        .isTrue());
            });
        })).toList();
        return tests.stream().onClose(pool::shutdownNow);
    }
}
