package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.report.Progress;
import dev.faultlab.scenarios.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs many scenarios: each on the brokers it is given, each sweep value in turn ({@link Variants}),
 * up to {@code parallel} scenarios at once (each with its own lab from {@link Labs}). Results come
 * back in the order of the scenarios, then brokers, then sweep values.
 */
public final class Runner {
    private final RunSettings settings;
    private final Labs labs;
    private final int parallel;
    private final Progress progress;

    public Runner(RunSettings settings, Labs labs, int parallel, Progress progress) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1: " + parallel);
        }
        this.settings = settings;
        this.labs = labs;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** Runs every scenario on each broker {@code brokers} names for it. */
    public List<RunResult> run(List<Scenario> scenarios, Function<Scenario, List<String>> brokers)
            throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (String broker : brokers.apply(scenario)) {
                jobs.add(new Job(scenario, broker));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "faultlab-scenario");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<RunResult>>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> runAll(job)));
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<List<RunResult>> future : futures) {
                results.addAll(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scenario run crashed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One scenario on one broker: every sweep value on the same lab. */
    private List<RunResult> runAll(Job job) {
        Scenario scenario = job.scenario();
        List<RunResult> results = new ArrayList<>();
        Target target;
        try {
            target = labs.open(job.broker());
        } catch (Exception e) {
            RunResult failed = new RunResult(scenario.name(), scenario.file(), scenario.faqRow(), scenario.summary(),
                    null, job.broker(), List.of(), List.of(), List.of(), null,
                    "lab did not start: " + e.getMessage(), 0);
            progress.finished(failed);
            return List.of(failed);
        }
        try (target) {
            ScenarioRunner runner = new ScenarioRunner(settings);
            for (Variants.Variant variant : Variants.of(scenario, settings.overrides())) {
                results.add(runner.run(scenario, target, variant.name(), variant.overrides(), progress));
            }
        }
        return results;
    }

    private record Job(Scenario scenario, String broker) {
    }
}
