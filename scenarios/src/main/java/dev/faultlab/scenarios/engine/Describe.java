package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Step;
import java.util.Map;

/**
 * One line per step, with its expressions evaluated:
 * {@code expect connection_closed of dut within 3.000s (keepalive + 1s)}.
 */
final class Describe {
    private Describe() {
    }

    static String step(Step step, String scenario, Map<String, Quantity> params) {
        if (step instanceof Step.Wait s) {
            return "wait for " + s.event().bind(params).describe() + " (timeout " + window(s.timeout(), params) + ")";
        } else if (step instanceof Step.Fault s) {
            return "fault " + scenario + "." + s.name() + ": " + s.type() + " " + s.stream()
                    + (s.device() == null ? "" : " on " + s.device());
        } else if (step instanceof Step.Update s) {
            return "update " + scenario + "." + s.fault();
        } else if (step instanceof Step.Clear s) {
            return "clear " + (s.faults().isEmpty() ? "all faults" : String.join(", ", s.faults()));
        } else if (step instanceof Step.Sleep s) {
            return "sleep " + window(s.duration(), params);
        } else if (step instanceof Step.Cut s) {
            return "cut " + s.device() + " (" + s.mode() + ")";
        } else if (step instanceof Step.Capture s) {
            return "capture " + s.device() + (s.seconds() == null ? "" : " for " + window(s.seconds(), params));
        } else if (step instanceof Step.Proxy s) {
            String text = "proxy";
            if (s.enabled() != null) {
                text += s.enabled() ? " enabled" : " disabled";
            }
            if (s.hang() != null) {
                text += s.hang() ? " hanging" : " answering";
            }
            return text;
        } else if (step instanceof Step.Lifecycle s) {
            return s.action() + " " + s.device();
        } else if (step instanceof Step.Publish s) {
            return "publish to " + s.topic() + " (QoS " + s.qos() + (s.retain() ? ", retained" : "") + ", via "
                    + s.via()
                    + ")";
        } else if (step instanceof Step.Subscribe s) {
            return "subscribe to " + s.topic() + " (via " + s.via() + ")";
        } else if (step instanceof Step.Expect s) {
            return "expect " + s.event().bind(params).describe() + " within " + window(s.within(), params);
        } else if (step instanceof Step.ExpectCount s) {
            return "expect " + bounds(count(s.atLeast(), params), count(s.atMost(), params)) + " "
                    + s.event().bind(params).describe() + " during "
                    + window(s.during(), params);
        } else if (step instanceof Step.ExpectNone s) {
            return "expect no " + s.event().bind(params).describe() + " during " + window(s.during(), params);
        }
        Step.Measure s = (Step.Measure) step;
        String text = "measure " + s.name() + (s.device() == null ? "" : " of " + s.device());
        if (s.low() != null) {
            text += " between " + window(s.low(), params) + " and " + window(s.high(), params);
        }
        return text;
    }

    /** {@code 3.000s (keepalive + 1s)}, or just {@code 3.000s} for a literal. */
    static String window(Expression expression, Map<String, Quantity> params) {
        String value = expression.eval(params).toString();
        return expression.literal() ? value : value + " (" + expression.text() + ")";
    }

    /** A count bound's value: a whole number, or null when the bound is open. */
    static Integer count(Expression bound, Map<String, Quantity> params) {
        if (bound == null) {
            return null;
        }
        Quantity value = bound.eval(params);
        if (value.duration() || value.amount() < 0 || value.amount() != Math.rint(value.amount())) {
            throw new dev.faultlab.scenarios.model.ScenarioException("'" + bound.text() + "' is " + value
                    + ", not a count");
        }
        return (int) value.amount();
    }

    private static String bounds(Integer atLeast, Integer atMost) {
        if (atLeast != null && atLeast.equals(atMost)) {
            return "exactly " + atLeast;
        }
        if (atMost == null) {
            return "at least " + atLeast;
        }
        return atLeast == null ? "at most " + atMost : atLeast + " to " + atMost;
    }
}
