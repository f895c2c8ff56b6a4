package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import dev.faultlab.scenarios.model.Step;
import dev.faultlab.scenarios.report.FigureResult;
import dev.faultlab.scenarios.report.Progress;
import dev.faultlab.scenarios.report.RunResult;
import dev.faultlab.scenarios.report.StepResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario's timeline once (one sweep value) against a {@link Target}: binds the
 * parameters, opens an event stream per device alias, starts the emulated devices (or waits for the
 * real ones), runs the steps in order until one fails, and cleans up whatever happened.
 */
public final class ScenarioRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);
    private final RunSettings settings;

    public ScenarioRunner(RunSettings settings) {
        this.settings = settings;
    }

    /**
     * @param variant  the sweep value as {@code name=value}, or null
     * @param overrides parameter values over the settings' (the sweep's value)
     */
    public RunResult run(Scenario scenario, Target target, String variant, Map<String, String> overrides,
                         Progress progress) {
        Map<String, String> all = new HashMap<>(settings.overrides());
        all.putAll(overrides);
        String label = RunResult.label(scenario.name(), variant, target.broker());
        List<StepResult> steps = new ArrayList<>();
        List<FigureResult> figures = new ArrayList<>();
        String failure = null;
        String error = null;
        List<String> shown = new ArrayList<>();
        long started = System.nanoTime();
        try {
            Map<String, Quantity> params = Params.bind(scenario, settings.preset(), all);
            params.forEach((name, value) -> shown.add(name + "=" + value));
            try (RunContext run = new RunContext(scenario, label, params, new ProxyApi(target.api()), settings.real(),
                    settings.captures())) {
                Thread hook = new Thread(run::close, "faultlab-scenario-cleanup");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    prepare(run);
                    Ending ending = timeline(run, label, steps, figures, progress);
                    failure = ending.failure();
                    error = ending.error();
                } finally {
                    removeHook(hook);
                }
            }
        } catch (ScenarioException | ProxyApi.ProxyApiException | IllegalStateException | IllegalArgumentException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("scenario {} broke", label, e);
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        RunResult result = new RunResult(scenario.name(), scenario.file(), scenario.faqRow(), scenario.summary(),
                variant, target.broker(), shown, steps, figures, failure, error, (System.nanoTime() - started) / 1e9);
        progress.finished(result);
        return result;
    }

    /**
     * Event streams first (so nothing is missed), then the devices, then their connections; then, when
     * a figure needs them, the polls of {@code /connections}.
     */
    private void prepare(RunContext run) throws InterruptedException {
        for (DeviceSpec device : run.scenario.devices().values()) {
            run.own(EventFeed.open(run.api, run.proxy(), device.alias(), device.match(), run.log));
        }
        if (!settings.real() && !run.scenario.devices().isEmpty()) {
            Emulation emulation = new Emulation(run.log);
            run.emulation(emulation);
            Addresses.Address listen = Addresses.connectable(run.api.proxy(run.proxy()).path("listen").asText());
            long seed = settings.seed();
            for (DeviceSpec device : run.scenario.devices().values()) {
                emulation.start(device, listen.host(), listen.port(), run.params, seed++);
            }
        }
        Presence.await(run, settings.deviceWait());
        if (run.scenario.timeline().stream().anyMatch(s -> s instanceof Step.Measure m && m.figure().sampled())) {
            run.samples(ConnectionSamples.start(run.api, run.proxy(), clientId -> run.scenario.devices().values()
                    .stream().anyMatch(device -> Glob.matches(device.match(), clientId))));
        }
    }

    /**
     * Runs the steps in order until one fails (an expectation) or breaks (the proxy refused a request,
     * an expression did not evaluate); the rest are reported skipped.
     */
    private Ending timeline(RunContext run, String label, List<StepResult> steps, List<FigureResult> figures,
                            Progress progress) throws InterruptedException {
        List<Step> timeline = run.scenario.timeline();
        StepExecutor executor = new StepExecutor(run);
        String failure = null;
        String error = null;
        long previous = System.nanoTime();
        for (int i = 0; i < timeline.size(); i++) {
            Step step = timeline.get(i);
            int index = i + 1;
            String description = Describe.step(step, run.scenario.name(), run.params);
            StepResult result;
            if (failure != null || error != null) {
                result = new StepResult(index, description, StepResult.Status.SKIPPED, run.seconds(System.nanoTime()),
                        "");
            } else {
                try {
                    Outcome outcome = executor.execute(step, previous);
                    previous = outcome.markNanos();
                    run.mark(step.id(), previous, disrupts(step));
                    if (outcome.figure() != null) {
                        figures.add(outcome.figure());
                    }
                    StepResult.Status status = outcome.applicable() ? StepResult.Status.OK
                            : StepResult.Status.NOT_APPLICABLE;
                    result = new StepResult(index, description, status, run.seconds(System.nanoTime()),
                            outcome.observation());
                } catch (ExpectationFailed e) {
                    failure = "step " + index + " '" + description + "': " + e.getMessage();
                    result = new StepResult(index, description, StepResult.Status.FAILED,
                            run.seconds(System.nanoTime()), e.getMessage());
                } catch (RuntimeException e) {
                    error = "step " + index + " '" + description + "': " + e.getMessage();
                    result = new StepResult(index, description, StepResult.Status.FAILED,
                            run.seconds(System.nanoTime()), String.valueOf(e.getMessage()));
                }
            }
            steps.add(result);
            progress.step(label, timeline.size(), result);
        }
        return new Ending(failure, error);
    }

    /** How a timeline ended: the failed expectation's message, or the error of a step that broke, or neither. */
    private record Ending(String failure, String error) {
    }

    /** Whether the step breaks or changes the link: where detect and will figures start by default. */
    private static boolean disrupts(Step step) {
        return step instanceof Step.Fault || step instanceof Step.Cut || step instanceof Step.Proxy
                || step instanceof Step.Lifecycle;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: cleanup happens there
        }
    }
}
