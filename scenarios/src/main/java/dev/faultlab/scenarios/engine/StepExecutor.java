package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Step;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs single steps against the proxy's API and the event log. An expectation that does not hold
 * throws {@link ExpectationFailed} with what was expected, the window and what was seen.
 */
final class StepExecutor {
    private static final int LAST_EVENTS = 5;

    private final RunContext run;
    private final Figures figures;

    StepExecutor(RunContext run) {
        this.run = run;
        this.figures = new Figures(run);
    }

    /**
     * @param previous the previous step's mark (the timeline's start for the first step): where a
     *                 window without {@code from} starts
     */
    Outcome execute(Step step, long previous) throws ExpectationFailed, InterruptedException {
        if (needsEmulation(step) && run.real) {
            return Outcome.notApplicable();
        }
        if (step instanceof Step.Wait s) {
            return await(s.event(), run.anchor(s.from(), previous), s.timeout(), "waited");
        } else if (step instanceof Step.Expect s) {
            return await(s.event(), run.anchor(s.from(), previous), s.within(), "nothing");
        } else if (step instanceof Step.ExpectCount s) {
            return count(s, run.anchor(s.from(), previous));
        } else if (step instanceof Step.ExpectNone s) {
            return none(s, run.anchor(s.from(), previous));
        } else if (step instanceof Step.Fault s) {
            return fault(s, System.nanoTime());
        } else if (step instanceof Step.Update s) {
            ObjectNode body = ProxyApi.JSON.createObjectNode();
            body.set("attributes", attributes(s.attributes()));
            run.api.updateToxic(run.proxy(), run.toxicName(s.fault()), body);
            return Outcome.done("updated");
        } else if (step instanceof Step.Clear s) {
            return clear(s);
        } else if (step instanceof Step.Sleep s) {
            TimeUnit.MILLISECONDS.sleep(s.duration().millis(run.params));
            return Outcome.done("");
        } else if (step instanceof Step.Cut s) {
            return cut(s, System.nanoTime());
        } else if (step instanceof Step.Publish s) {
            run.side(s.via()).publish(s.topic(), s.payload(), s.qos(), s.retain());
            return Outcome.done("published");
        } else if (step instanceof Step.Subscribe s) {
            run.side(s.via()).subscribe(s.topic(), s.qos());
            return Outcome.done("subscribed");
        }
        return figures.measure((Step.Measure) step, previous);
    }

    /** Steps on emulated devices' own events make no sense with real boards. */
    static boolean needsEmulation(Step step) {
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

    private Outcome await(EventFilter filter, long from, Expression window, String missing)
            throws ExpectationFailed, InterruptedException {
        long deadline = from + TimeUnit.MILLISECONDS.toNanos(window.millis(run.params));
        Optional<Observed> found = run.log.await(from, deadline, matching(filter));
        if (found.isEmpty()) {
            throw new ExpectationFailed(missing.equals("waited") ? "nothing within the timeout; " + lastEvents(filter, from)
                    : "nothing within the window; " + lastEvents(filter, from));
        }
        return Outcome.at("after " + seconds(found.get().nanos() - from), found.get().nanos());
    }

    private Outcome count(Step.ExpectCount s, long from) throws ExpectationFailed, InterruptedException {
        Integer atLeast = Describe.count(s.atLeast(), run.params);
        Integer atMost = Describe.count(s.atMost(), run.params);
        long end = from + TimeUnit.MILLISECONDS.toNanos(s.during().millis(run.params));
        if (atMost != null) {
            Optional<Observed> excess = run.log.await(from, end, nth(s.event(), atMost + 1));
            if (excess.isPresent()) {
                throw new ExpectationFailed((atMost + 1) + " events by " + seconds(excess.get().nanos() - from)
                        + ", more than " + atMost + "; " + listed(s.event(), from, excess.get().nanos()));
            }
        } else {
            Optional<Observed> enough = run.log.await(from, end, nth(s.event(), atLeast));
            if (enough.isPresent()) {
                return Outcome.at(atLeast + " events by " + seconds(enough.get().nanos() - from),
                        enough.get().nanos());
            }
        }
        List<Observed> seen = run.log.between(from, end, matching(s.event()));
        if (atLeast != null && seen.size() < atLeast) {
            throw new ExpectationFailed(seen.size() + " events, fewer than " + atLeast + "; "
                    + listed(s.event(), from, end));
        }
        return Outcome.done(seen.size() + " events");
    }

    private Outcome none(Step.ExpectNone s, long from) throws ExpectationFailed, InterruptedException {
        long end = from + TimeUnit.MILLISECONDS.toNanos(s.during().millis(run.params));
        Optional<Observed> found = run.log.await(from, end, matching(s.event()));
        if (found.isPresent()) {
            throw new ExpectationFailed("one came after " + seconds(found.get().nanos() - from) + ": "
                    + found.get().fields());
        }
        return Outcome.done("none");
    }

    private Outcome fault(Step.Fault s, long stepStart) {
        String name = run.toxicName(s.name());
        ObjectNode toxic = ProxyApi.JSON.createObjectNode().put("name", name).put("type", s.type())
                .put("stream", s.stream());
        if (s.toxicity() != null) {
            toxic.put("toxicity", s.toxicity().eval(run.params).amount());
        }
        ObjectNode attributes = attributes(s.attributes());
        if (s.device() != null) {
            attributes.put("client_id", run.device(s.device()).match());
        }
        toxic.set("attributes", attributes);
        run.faultAdded(name);
        run.api.addToxic(run.proxy(), toxic);
        return Outcome.at("added " + name, stepStart);
    }

    private Outcome clear(Step.Clear s) {
        List<String> names = s.faults().isEmpty() ? run.faults()
                : s.faults().stream().map(run::toxicName).toList();
        for (String name : names) {
            run.api.removeToxic(run.proxy(), name);
            run.faultRemoved(name);
        }
        return Outcome.done("removed " + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    private Outcome cut(Step.Cut s, long stepStart) throws ExpectationFailed {
        String pattern = run.device(s.device()).match();
        int cut = 0;
        for (JsonNode connection : run.api.connections(run.proxy())) {
            if (Glob.matches(pattern, connection.path("client_id").asText(null))) {
                run.api.cut(connection.path("id").asLong(), s.mode());
                cut++;
            }
        }
        if (cut == 0) {
            throw new ExpectationFailed("no connection of a client matching " + pattern + " to cut");
        }
        return Outcome.at(cut + " connection" + (cut == 1 ? "" : "s") + " cut", stepStart);
    }

    private ObjectNode attributes(Map<String, Object> attributes) {
        ObjectNode node = ProxyApi.JSON.createObjectNode();
        attributes.forEach((key, value) -> {
            if (value instanceof Expression expression) {
                Quantity q = expression.eval(run.params);
                double amount = q.amount();
                if (amount == Math.rint(amount)) {
                    node.put(key, (long) amount);
                } else {
                    node.put(key, amount);
                }
            } else {
                node.set(key, (JsonNode) value);
            }
        });
        return node;
    }

    static java.util.function.Predicate<Observed> matching(EventFilter filter) {
        return event -> event.matches(filter);
    }

    /** Accepts the event at which {@code n} matching events have been seen since the window's start. */
    private static java.util.function.Predicate<Observed> nth(EventFilter filter, int n) {
        int[] seen = {0};
        return event -> event.matches(filter) && ++seen[0] >= n;
    }

    /** {@code last events: pingreq 1.010s, pingresp 1.020s} of the filter's device and source. */
    String lastEvents(EventFilter filter, long from) {
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
