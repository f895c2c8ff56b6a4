package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Step;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The steps that look at the event log: {@code wait}, {@code expect}, {@code expect_count},
 * {@code expect_none}. Each waits only as long as its window; a failure says what was seen instead,
 * with event times relative to the window's start.
 */
final class Expectations {
    private static final int LAST_EVENTS = 5;

    private final RunContext run;

    Expectations(RunContext run) {
        this.run = run;
    }

    /** The first matching event in {@code [from, from + window]}; {@code what} names the window in a failure. */
    Outcome first(EventFilter unbound, long from, Expression window, String what)
            throws ExpectationFailed, InterruptedException {
        EventFilter filter = unbound.bind(run.params);
        long deadline = from + TimeUnit.MILLISECONDS.toNanos(window.millis(run.params));
        Optional<Observed> found = run.log.await(from, deadline, matching(filter));
        if (found.isEmpty()) {
            throw new ExpectationFailed("nothing within the " + what + "; " + lastEvents(filter, from));
        }
        return Outcome.at("after " + seconds(found.get().nanos() - from), found.get().nanos());
    }

    Outcome count(Step.ExpectCount s, long from) throws ExpectationFailed, InterruptedException {
        EventFilter filter = s.event().bind(run.params);
        Integer atLeast = Describe.count(s.atLeast(), run.params);
        Integer atMost = Describe.count(s.atMost(), run.params);
        long end = from + TimeUnit.MILLISECONDS.toNanos(s.during().millis(run.params));
        if (atMost != null) {
            Optional<Observed> excess = run.log.await(from, end, nth(filter, atMost + 1));
            if (excess.isPresent()) {
                throw new ExpectationFailed((atMost + 1) + " events by " + seconds(excess.get().nanos() - from)
                        + ", more than " + atMost + "; " + listed(filter, from, excess.get().nanos()));
            }
        } else {
            Optional<Observed> enough = run.log.await(from, end, nth(filter, atLeast));
            if (enough.isPresent()) {
                return Outcome.at(atLeast + " events by " + seconds(enough.get().nanos() - from),
                        enough.get().nanos());
            }
        }
        List<Observed> seen = run.log.between(from, end, matching(filter));
        if (atLeast != null && seen.size() < atLeast) {
            throw new ExpectationFailed(seen.size() + " events, fewer than " + atLeast + "; "
                    + listed(filter, from, end));
        }
        return Outcome.done(seen.size() + " events");
    }

    Outcome none(Step.ExpectNone s, long from) throws ExpectationFailed, InterruptedException {
        long end = from + TimeUnit.MILLISECONDS.toNanos(s.during().millis(run.params));
        Optional<Observed> found = run.log.await(from, end, matching(s.event().bind(run.params)));
        if (found.isPresent()) {
            throw new ExpectationFailed("one came after " + seconds(found.get().nanos() - from) + ": "
                    + found.get().fields());
        }
        return Outcome.done("none");
    }

    static Predicate<Observed> matching(EventFilter filter) {
        return event -> event.matches(filter);
    }

    /** Accepts the event at which {@code n} matching events have been seen (each event is tested once). */
    private static Predicate<Observed> nth(EventFilter filter, int n) {
        int[] seen = {0};
        return event -> event.matches(filter) && ++seen[0] >= n;
    }

    /** {@code last events: pingreq 1.010s, pingresp 1.020s} of the filter's device and source. */
    private String lastEvents(EventFilter filter, long from) {
        List<Observed> all = run.log.between(run.startNanos, System.nanoTime(),
                e -> e.source() == filter.source() && (filter.device() == null || filter.device().equals(e.alias())));
        if (all.isEmpty()) {
            return "no " + filter.source().name().toLowerCase(Locale.ROOT) + " events at all";
        }
        List<Observed> last = all.subList(Math.max(0, all.size() - LAST_EVENTS), all.size());
        return "last events: " + last.stream().map(e -> e.type() + " " + seconds(e.nanos() - from))
                .collect(Collectors.joining(", "));
    }

    private String listed(EventFilter filter, long from, long to) {
        return "at " + run.log.between(from, to, matching(filter)).stream().map(e -> seconds(e.nanos() - from))
                .collect(Collectors.joining(", "));
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
