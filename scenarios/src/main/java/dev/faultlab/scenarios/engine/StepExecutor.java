package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Step;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step: expectations on the event log ({@link Expectations}), actions on the proxy
 * ({@link ProxyActions}), packet captures ({@link Captures}), the side client, sleeps and figures
 * ({@link Figures}). An expectation that
 * does not hold throws {@link ExpectationFailed}.
 */
final class StepExecutor {
    private final RunContext run;
    private final Expectations expectations;
    private final ProxyActions actions;
    private final Figures figures;

    StepExecutor(RunContext run) {
        this.run = run;
        this.expectations = new Expectations(run);
        this.actions = new ProxyActions(run);
        this.figures = new Figures(run);
    }

    /**
     * @param previous the previous step's mark (the timeline's start for the first step): where a
     *                 window without {@code from} starts
     */
    Outcome execute(Step step, long previous) throws ExpectationFailed, InterruptedException {
        if (run.real && onDevice(step)) {
            return Outcome.notApplicable();
        }
        long started = System.nanoTime();
        if (step instanceof Step.Wait s) {
            return expectations.first(s.event(), run.anchor(s.from(), previous), s.timeout(), "timeout");
        } else if (step instanceof Step.Expect s) {
            return expectations.first(s.event(), run.anchor(s.from(), previous), s.within(), "window");
        } else if (step instanceof Step.ExpectCount s) {
            return expectations.count(s, run.anchor(s.from(), previous));
        } else if (step instanceof Step.ExpectNone s) {
            return expectations.none(s, run.anchor(s.from(), previous));
        } else if (step instanceof Step.Fault s) {
            return actions.fault(s);
        } else if (step instanceof Step.Update s) {
            return actions.update(s);
        } else if (step instanceof Step.Clear s) {
            return actions.clear(s);
        } else if (step instanceof Step.Cut s) {
            return actions.cut(s);
        } else if (step instanceof Step.Capture s) {
            Long seconds = s.seconds() == null ? null : Math.max(1, Math.round(s.seconds().millis(run.params) / 1000.0));
            return run.captures().start(s, run.device(s.device()).match(), run.proxy(), seconds);
        } else if (step instanceof Step.Proxy s) {
            return actions.proxy(s);
        } else if (step instanceof Step.Lifecycle s) {
            run.emulation().act(s.device(), s.action());
            return Outcome.at(s.action() + " " + s.device(), started);
        } else if (step instanceof Step.Sleep s) {
            TimeUnit.MILLISECONDS.sleep(s.duration().millis(run.params));
            return Outcome.done("");
        } else if (step instanceof Step.Publish s) {
            run.side(s.via()).publish(s.topic(), s.payload(), s.qos(), s.retain());
            return Outcome.at("published", started);
        } else if (step instanceof Step.Subscribe s) {
            run.side(s.via()).subscribe(s.topic(), s.qos());
            return Outcome.at("subscribed", started);
        }
        return figures.measure((Step.Measure) step, previous);
    }

    /**
     * Whether the step drives emulated devices or looks at their own events, which real boards do not
     * report.
     */
    private static boolean onDevice(Step step) {
        if (step instanceof Step.Lifecycle) {
            return true;
        }
        EventFilter filter = null;
        if (step instanceof Step.Wait s) {
            filter = s.event();
        } else if (step instanceof Step.Expect s) {
            filter = s.event();
        } else if (step instanceof Step.ExpectCount s) {
            filter = s.event();
        } else if (step instanceof Step.ExpectNone s) {
            filter = s.event();
        } else if (step instanceof Step.Measure s) {
            filter = s.event();
        }
        return filter != null && filter.source() == EventFilter.Source.DEVICE;
    }
}
