package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.Figure;
import dev.faultlab.scenarios.model.Glob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The figures over {@link ConnectionSamples}, for the connections of one device alias (client ids
 * matching its pattern), in bytes: {@code backlog_peak} the largest {@code backlog_down} in the
 * window; {@code window_min} the smallest {@code window_down}; {@code window_shrink} per connection
 * the {@code window_down} at the window's start (the last sample before it, else the first in it)
 * minus the smallest in the window, the largest over the alias's connections. A sample in the window
 * whose field is null fails the figure: the proxy cannot tell on that transport.
 */
final class SampledFigures {
    /** A figure's value in bytes and a note on where it came from. */
    record Result(long value, String detail) {
    }

    private SampledFigures() {
    }

    static Result measure(ConnectionSamples samples, Figure figure, String alias, String match, long anchor,
                          long deadline) throws ExpectationFailed {
        List<ConnectionSamples.Sample> mine = samples.select(s -> Glob.matches(match, s.clientId())
                && s.nanos() - deadline <= 0);
        List<ConnectionSamples.Sample> window = mine.stream().filter(s -> s.nanos() - anchor >= 0).toList();
        if (window.isEmpty()) {
            throw new ExpectationFailed("no connection of " + alias + " (" + match + ") in /connections during "
                    + Expectations.seconds(deadline - anchor));
        }
        String field = figure == Figure.BACKLOG_PEAK ? "backlog_down" : "window_down";
        Function<ConnectionSamples.Sample, Long> value = figure == Figure.BACKLOG_PEAK
                ? ConnectionSamples.Sample::backlogDown : ConnectionSamples.Sample::windowDown;
        for (ConnectionSamples.Sample sample : window) {
            if (value.apply(sample) == null) {
                throw new ExpectationFailed("the proxy does not report " + field + " for " + alias + " ("
                        + sample.clientId() + ", connection " + sample.connection()
                        + "): it needs the epoll transport on Linux 5.4 or later");
            }
        }
        String detail = " (" + window.size() + " samples of " + field + ")";
        return switch (figure) {
            case BACKLOG_PEAK -> new Result(window.stream().mapToLong(value::apply).max().orElseThrow(), detail);
            case WINDOW_MIN -> new Result(window.stream().mapToLong(value::apply).min().orElseThrow(), detail);
            case WINDOW_SHRINK -> shrink(mine, window, anchor, detail);
            default -> throw new IllegalArgumentException("not a sampled figure: " + figure);
        };
    }

    private static Result shrink(List<ConnectionSamples.Sample> mine, List<ConnectionSamples.Sample> window,
                                 long anchor, String detail) {
        Map<Long, Long> start = new LinkedHashMap<>();
        for (ConnectionSamples.Sample sample : mine) {
            boolean before = sample.nanos() - anchor < 0;
            if (sample.windowDown() != null && (before || !start.containsKey(sample.connection()))) {
                start.put(sample.connection(), sample.windowDown());
            }
        }
        long largest = 0;
        String at = "";
        for (Map.Entry<Long, Long> first : start.entrySet()) {
            long smallest = window.stream().filter(s -> s.connection() == first.getKey())
                    .mapToLong(ConnectionSamples.Sample::windowDown).min().orElse(first.getValue());
            if (first.getValue() - smallest >= largest) {
                largest = first.getValue() - smallest;
                at = ": " + first.getValue() + " to " + smallest + " bytes";
            }
        }
        return new Result(largest, at + detail);
    }
}
