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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole scenario library ({@code scenarios/faq/}) with the compressed preset and emulated
 * devices, one dynamic test per scenario and broker: every scenario on the embedded broker, and those
 * whose {@code brokers} name Mosquitto on Mosquitto too, each in a fresh in-process lab.
 */
class ScenarioLibraryTest {
    static final Path LIBRARY = Path.of("..", "scenarios", "faq");

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        List<Scenario> scenarios = ScenarioFiles.load(List.of(LIBRARY));
        ConsoleReport console = new ConsoleReport(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        return scenarios.stream().flatMap(scenario -> scenario.brokers().stream().map(broker ->
                dynamicTest(scenario.name() + " on " + broker, () -> {
                    List<RunResult> results = new Runner(RunSettings.compressed(), new InProcessLabs(0), 1, console)
                            .run(List.of(scenario), s -> List.of(broker));
                    assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(result.passed())
                            .as("%s: %s", result.label(), result.failure() != null ? result.failure() : result.error())
                            .isTrue());
                })));
    }
}
