package dev.faultlab.cli;

import dev.faultlab.scenarios.engine.Labs;
import dev.faultlab.scenarios.engine.RunSettings;
import dev.faultlab.scenarios.engine.Runner;
import dev.faultlab.scenarios.engine.Target;
import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import dev.faultlab.scenarios.parse.ScenarioFiles;
import dev.faultlab.scenarios.report.ConsoleReport;
import dev.faultlab.scenarios.report.Reports;
import dev.faultlab.scenarios.report.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code faultlab run}: runs scenario files, in an in-process lab per scenario (embedded broker or
 * Mosquitto, proxy, emulated devices) or against a running faultlab ({@code --proxy}), with real
 * boards ({@code --real}) or emulated ones. Exit code 0 when every expectation held, 1 when one
 * failed, 2 for a bad scenario file or a lab that could not be set up.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario files (YAML) and report pass/fail per expectation and the measured figures.")
final class RunCommand implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BROKEN = 2;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "scenario files, or folders of *.yaml files")
    List<Path> paths;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "drive a running faultlab's API (e.g. http://127.0.0.1:8474) instead of an in-process lab")
    URI proxy;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "override a parameter, e.g. --param keepalive=30s (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--preset", paramLabel = "PRESET",
            description = "timers: compressed (K=2 s, R=1 s, N=2 s; default) or esp-default (K=120 s, R=10 s, "
                    + "N=10 s; default with --real)")
    String preset;

    @Option(names = {"--real"}, description = "start no emulated device: wait for real boards matching each "
            + "device's pattern to be connected to the proxy")
    boolean real;

    @Option(names = "--device-wait", defaultValue = "60", paramLabel = "SECONDS",
            description = "how long to wait for the devices to be connected (default: ${DEFAULT-VALUE})")
    long deviceWaitSeconds;

    @Option(names = "--broker", defaultValue = "embedded", paramLabel = "BROKER",
            description = "the in-process lab's broker: embedded or mosquitto (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N",
            description = "scenarios run at once, each in its own in-process lab (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--report", paramLabel = "DIR",
            description = "write report.md (timelines, figures, sweep tables), junit.xml and the capture steps' pcap"
                    + " files into DIR")
    Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML to FILE")
    Path junit;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "seed of the lab's toxics and the emulated devices' ids and timers "
                    + "(default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioFiles.load(paths);
            ScenarioFiles.checkParams(scenarios, params.keySet());
            checkOptions();
        } catch (ScenarioException | IllegalArgumentException e) {
            err.println("faultlab run: " + e.getMessage());
            return BROKEN;
        }
        ConsoleReport console = new ConsoleReport(out);
        List<RunResult> results = new Runner(settings(), labs(), parallel, console)
                .run(scenarios, scenario -> List.of(broker));
        console.summary(results);
        write(results, out);
        if (results.stream().anyMatch(r -> r.error() != null)) {
            return BROKEN;
        }
        return results.stream().allMatch(RunResult::passed) ? PASSED : FAILED;
    }

    RunSettings settings() {
        String timers = preset != null ? preset : real ? "esp-default" : "compressed";
        return new RunSettings(timers, params, real, seed, Duration.ofSeconds(deviceWaitSeconds), report);
    }

    private void checkOptions() {
        if (preset != null) {
            Presets.timings(preset);
        }
        if (!broker.equals("embedded") && !broker.equals("mosquitto")) {
            throw new IllegalArgumentException("--broker must be embedded or mosquitto: " + broker);
        }
        if (real && proxy == null) {
            throw new IllegalArgumentException("--real needs --proxy: real boards connect to a running faultlab");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
    }

    private Labs labs() {
        return proxy == null ? new InProcessLabs(seed) : broker -> Target.remote(proxy);
    }

    private void write(List<RunResult> results, PrintWriter out) throws IOException {
        if (report != null) {
            out.println("report: " + Reports.writeDirectory(report, results));
        }
        if (junit != null) {
            Reports.writeJUnit(junit, results);
            out.println("JUnit XML: " + junit);
        }
        out.flush();
    }
}
