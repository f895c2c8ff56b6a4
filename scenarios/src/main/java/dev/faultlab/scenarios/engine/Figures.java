package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Figure;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.ScenarioException;
import dev.faultlab.scenarios.model.Step;
import dev.faultlab.scenarios.report.FigureResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Computes the figures of {@code measure} steps from the event log. Times from a step (a fault, a
 * cut) to an event use the engine's clock; times between two proxy events use the proxy's
 * timestamps, so they are exact even when the proxy is far away.
 */
final class Figures {
    /** How long a measure waits for its events when the step gives no {@code within}. */
    private static final long DEFAULT_WITHIN_MILLIS = 60_000;

    private final RunContext run;

    Figures(RunContext run) {
        this.run = run;
    }

    Outcome measure(Step.Measure s, long previous) throws ExpectationFailed, InterruptedException {
        long anchor = anchor(s, previous);
        long deadline = deadline(s, anchor);
        Measured measured = switch (s.figure()) {
            case DETECT -> detect(s, anchor, deadline);
            case RECONNECT -> reconnect(s, anchor, deadline);
            case WILL_LATENCY -> willLatency(s, anchor, deadline);
            case DUP_COUNT, INFLIGHT_PEAK -> packets(s, anchor, deadline);
            case INTERVAL -> interval(s, anchor, deadline);
            case COUNT -> count(s, anchor, deadline);
            case BACKLOG_PEAK, WINDOW_SHRINK, WINDOW_MIN -> sampled(s, anchor, deadline);
        };
        String check = null;
        boolean ok = true;
        if (s.low() != null) {
            Quantity low = s.low().eval(run.params);
            Quantity high = s.high().eval(run.params);
            if (low.duration() != s.figure().duration() || high.duration() != s.figure().duration()) {
                throw new ScenarioException("measure " + s.name() + ": the bounds of " + s.figure().yamlName()
                        + " are " + (s.figure().duration() ? "durations" : "counts") + ": " + low + ", " + high);
            }
            check = "between " + low + " and " + high;
            ok = measured.values.stream().allMatch(v -> low.amount() <= v && v <= high.amount());
        }
        FigureResult figure = new FigureResult(s.name(), measured.value, s.figure().duration(), check, ok);
        String observation = s.name() + " = " + figure.formatted() + measured.detail;
        if (!ok) {
            throw new ExpectationFailed(observation + ", expected " + check);
        }
        return new Outcome(observation, measured.markNanos, figure, true);
    }

    /**
     * Figures of one event wait up to {@code within} (default a minute) for it; figures over a window
     * ({@code dup_count}, {@code inflight_peak}, {@code interval}, {@code count}, and the sampled
     * {@code backlog_peak}, {@code window_shrink}, {@code window_min}) take the events or samples from the
     * anchor to {@code within} after it, or to now when that has passed.
     */
    private long deadline(Step.Measure s, long anchor) {
        boolean window = s.figure().overWindow();
        long within = s.within() != null ? s.within().millis(run.params) : window ? 0 : DEFAULT_WITHIN_MILLIS;
        long deadline = anchor + TimeUnit.MILLISECONDS.toNanos(within);
        return window ? Math.max(deadline, System.nanoTime()) : deadline;
    }

    private long anchor(Step.Measure s, long previous) throws ExpectationFailed {
        if (s.from() != null) {
            return run.anchor(s.from(), previous);
        }
        if (s.figure() == Figure.DETECT || s.figure() == Figure.WILL_LATENCY) {
            Long disruption = run.lastDisruption();
            if (disruption == null) {
                throw new ExpectationFailed("no disruption (fault, cut, proxy or a device step) before it to "
                        + "measure from (say 'from')");
            }
            return disruption;
        }
        return run.lastDisruption() == null ? run.startNanos : run.lastDisruption();
    }

    private Measured detect(Step.Measure s, long anchor, long deadline) throws ExpectationFailed, InterruptedException {
        Observed closed = awaitEvent(proxy("connection_closed", s.device()), anchor, deadline);
        return Measured.of(millis(closed.nanos() - anchor), closed.nanos(), " (cause " + closed.text("cause") + ")");
    }

    private Measured reconnect(Step.Measure s, long anchor, long deadline)
            throws ExpectationFailed, InterruptedException {
        Observed closed = awaitEvent(proxy("connection_closed", s.device()), anchor, deadline);
        EventFilter connack = new EventFilter(EventFilter.Source.PROXY, "connack", s.device(), Map.of("code", "0"),
                null);
        Optional<Observed> accepted = run.log.await(closed.nanos(), deadline,
                e -> e.matches(connack) && closed.clientId() != null && closed.clientId().equals(e.clientId()));
        if (accepted.isEmpty()) {
            throw new ExpectationFailed("no accepted CONNACK for " + closed.clientId() + " after its connection closed "
                    + "at " + Expectations.seconds(closed.nanos() - anchor) + ", within "
                    + Expectations.seconds(deadline - anchor));
        }
        double value = Duration.between(closed.time(), accepted.get().time()).toNanos() / 1e6;
        return Measured.of(value, accepted.get().nanos(), "");
    }

    private Measured willLatency(Step.Measure s, long anchor, long deadline)
            throws ExpectationFailed, InterruptedException {
        Optional<Observed> will = run.log.await(anchor, deadline, e -> e.source() == EventFilter.Source.SIDE
                && willTopic(s.topic(), e.text("topic")));
        if (will.isEmpty()) {
            throw new ExpectationFailed("no message on " + s.topic() + " reached the side client within "
                    + Expectations.seconds(deadline - anchor) + " (subscribe to it first)");
        }
        return Measured.of(millis(will.get().nanos() - anchor), will.get().nanos(), "");
    }

    /** Whether {@code topic} is the will topic, {@code {id}} standing for any client id. */
    private static boolean willTopic(String pattern, String topic) {
        return Glob.matches(pattern.replace("{id}", "*"), topic);
    }

    private Measured packets(Step.Measure s, long anchor, long deadline) throws InterruptedException {
        sleepUntil(deadline);
        List<Observed> events = run.log.between(anchor, deadline, e -> e.source() == EventFilter.Source.PROXY
                && (s.device() == null || s.device().equals(e.alias()))
                && (e.type().equals("publish") || (s.figure() == Figure.INFLIGHT_PEAK && e.type().equals("ack"))));
        if (s.figure() == Figure.DUP_COUNT) {
            long dups = events.stream().filter(e -> "true".equals(e.text("dup"))).count();
            return Measured.of(dups, deadline, " of " + events.size() + " publishes");
        }
        int peak = events.stream().mapToInt(e -> e.fields().path("inflight").asInt(0)).max().orElse(0);
        return Measured.of(peak, deadline, "");
    }

    private Measured interval(Step.Measure s, long anchor, long deadline)
            throws ExpectationFailed, InterruptedException {
        sleepUntil(deadline);
        EventFilter filter = s.event().bind(run.params);
        List<Observed> events = run.log.between(anchor, deadline, Expectations.matching(filter));
        if (events.size() < 2) {
            throw new ExpectationFailed(events.size() + " " + filter.describe() + " within "
                    + Expectations.seconds(deadline - anchor) + ", need two or more for an interval");
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            Observed a = events.get(i - 1);
            Observed b = events.get(i);
            gaps.add(a.source() == EventFilter.Source.PROXY ? Duration.between(a.time(), b.time()).toNanos() / 1e6
                    : millis(b.nanos() - a.nanos()));
        }
        double mean = gaps.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        String detail = " (mean of " + gaps.size() + ": " + gaps.stream()
                .map(g -> String.format(java.util.Locale.ROOT, "%.3fs", g / 1000)).collect(Collectors.joining(", "))
                + ")";
        return new Measured(mean, gaps, deadline, detail);
    }

    private Measured count(Step.Measure s, long anchor, long deadline) throws InterruptedException {
        sleepUntil(deadline);
        EventFilter filter = s.event().bind(run.params);
        int count = run.log.between(anchor, deadline, Expectations.matching(filter)).size();
        return Measured.of(count, deadline, " " + filter.describe() + " in " + Expectations.seconds(deadline - anchor));
    }

    private Measured sampled(Step.Measure s, long anchor, long deadline)
            throws ExpectationFailed, InterruptedException {
        sleepUntil(deadline);
        SampledFigures.Result result = SampledFigures.measure(run.samples(), s.figure(), s.device(),
                run.scenario.devices().get(s.device()).match(), anchor, deadline);
        return Measured.of(result.value(), deadline, result.detail());
    }

    private Observed awaitEvent(EventFilter filter, long anchor, long deadline)
            throws ExpectationFailed, InterruptedException {
        Optional<Observed> event = run.log.await(anchor, deadline, Expectations.matching(filter));
        if (event.isEmpty()) {
            throw new ExpectationFailed("no " + filter.describe() + " within "
                    + Expectations.seconds(deadline - anchor));
        }
        return event.get();
    }

    private static EventFilter proxy(String type, String device) {
        return new EventFilter(EventFilter.Source.PROXY, type, device, Map.of(), null);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** A figure's value, the values its bounds apply to, when it was complete, and a note. */
    private record Measured(double value, List<Double> values, long markNanos, String detail) {
        static Measured of(double value, long markNanos, String detail) {
            return new Measured(value, List.of(value), markNanos, detail);
        }
    }
}
