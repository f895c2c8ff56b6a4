package dev.faultlab.scenarios.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Figure;
import dev.faultlab.scenarios.model.ScenarioException;
import dev.faultlab.scenarios.model.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a timeline: each item is a mapping with one key, the step's kind, whose value holds the
 * step's keys ({@code - expect: {event: connection_closed, device: dut, within: keepalive + 1s}}).
 * Checks what can be checked before anything runs: device aliases, fault names, {@code from} ids.
 */
final class StepParser {
    private static final Set<String> VIAS = Set.of("broker", "proxy");

    private final String file;
    private final Set<String> params;
    private final Set<String> devices;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> faults = new HashSet<>();

    StepParser(String file, Set<String> params, Set<String> devices) {
        this.file = file;
        this.params = params;
        this.devices = devices;
    }

    List<Step> timeline(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new ScenarioException(file + ": 'timeline' must be a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        int index = 1;
        for (JsonNode item : node) {
            steps.add(step(item, index++));
        }
        return steps;
    }

    private Step step(JsonNode item, int index) {
        String at = file + ": step " + index;
        if (item == null || !item.isObject() || item.size() != 1) {
            throw new ScenarioException(at + ": a step is a mapping with one key, its kind ("
                    + String.join(", ", StepKeys.KINDS.stream().sorted().toList()) + ")");
        }
        String kind = item.fieldNames().next();
        if (!StepKeys.KINDS.contains(kind)) {
            throw new ScenarioException(at + ": unknown step kind '" + kind + "' ("
                    + String.join(", ", StepKeys.KINDS.stream().sorted().toList()) + ")");
        }
        at += " (" + kind + ")";
        JsonNode body = item.get(kind);
        Step step = switch (kind) {
            case "sleep" -> body.isValueNode() ? new Step.Sleep(null, scalar(at, "sleep", body))
                    : sleep(fields(body, at));
            case "clear" -> clear(body, at);
            case "stop", "start", "abort", "pause_reading", "resume_reading" -> body.isValueNode() ? lifecycle(kind, body.asText(), at)
                    : parse(kind, fields(body, at));
            default -> parse(kind, fields(body, at));
        };
        if (step.id() != null && !ids.add(step.id())) {
            throw new ScenarioException(at + ": 'id': the id '" + step.id() + "' is used by an earlier step");
        }
        return step;
    }

    private Step parse(String kind, Fields f) {
        f.only(StepKeys.KEYS.get(kind));
        Step step = switch (kind) {
            case "wait" -> new Step.Wait(f.string("id", null), event(f), from(f), f.requiredExpression("timeout"));
            case "fault" -> fault(f);
            case "update" -> update(f);
            case "proxy" -> proxy(f);
            case "stop", "start", "abort", "pause_reading", "resume_reading" -> new Step.Lifecycle(f.string("id", null), device(f, true), kind);
            case "cut" -> new Step.Cut(f.string("id", null), device(f, true),
                    f.oneOf("mode", "fin", Set.of("fin", "rst")));
            case "capture" -> capture(f);
            case "publish" -> new Step.Publish(f.string("id", null), f.requiredString("topic"), payload(f), f.qos(1),
                    f.bool("retain", false), f.oneOf("via", "broker", VIAS));
            case "subscribe" -> new Step.Subscribe(f.string("id", null), f.requiredString("topic"), f.qos(1),
                    f.oneOf("via", "broker", VIAS));
            case "expect" -> new Step.Expect(f.string("id", null), event(f), from(f), f.requiredExpression("within"));
            case "expect_count" -> expectCount(f);
            case "expect_none" -> new Step.ExpectNone(f.string("id", null), event(f), from(f),
                    f.requiredExpression("during"));
            default -> measure(f);
        };
        f.done();
        return step;
    }

    /** {@code payload}, padded with dots to {@code size} bytes when a size is given. */
    private static String payload(Fields f) {
        String payload = f.string("payload", "");
        int size = f.integer("size", 0);
        int written = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size < 0 || (size > 0 && size < written)) {
            throw f.error("size", "bytes, at least the payload's " + written + " (0: the payload as written)");
        }
        return size == 0 ? payload : payload + ".".repeat(size - written);
    }

    private Step.Capture capture(Fields f) {
        String file = f.string("file", null);
        if (file != null && (file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith("."))) {
            throw f.error("file", "a file name in the capture folder (no path), got '" + file + "'");
        }
        return new Step.Capture(f.string("id", null), device(f, true), f.expression("seconds"), file);
    }

    private Step.Sleep sleep(Fields f) {
        Step.Sleep step = new Step.Sleep(f.string("id", null), f.requiredExpression("duration"));
        f.done();
        return step;
    }

    private Step.Proxy proxy(Fields f) {
        Boolean enabled = f.has("enabled") ? f.bool("enabled", true) : null;
        Boolean hang = f.has("hang") ? f.bool("hang", false) : null;
        if (enabled == null && hang == null) {
            throw new ScenarioException(f.where() + ": missing key 'enabled' or 'hang'");
        }
        return new Step.Proxy(f.string("id", null), enabled, hang);
    }

    private Step.Lifecycle lifecycle(String kind, String device, String at) {
        if (!devices.contains(device)) {
            throw new ScenarioException(at + ": no device '" + device + "' in 'devices' (" + String.join(", ", devices)
                    + ")");
        }
        return new Step.Lifecycle(null, device, kind);
    }

    private Step.Clear clear(JsonNode body, String at) {
        if (body.isObject()) {
            Fields f = fields(body, at);
            f.only(StepKeys.KEYS.get("clear"));
            String id = f.string("id", null);
            Step.Clear step = clear(id, f.node("faults"), at);
            f.done();
            return step;
        }
        return clear(null, body, at);
    }

    /** {@code clear: all}, a name or a list of names; in the mapping form with an {@code id} too. */
    private Step.Clear clear(String id, JsonNode body, String at) {
        List<String> names = new ArrayList<>();
        if (body == null) {
            throw new ScenarioException(at + ": missing key 'faults'");
        }
        if (body.isValueNode() && body.asText().equals("all")) {
            return new Step.Clear(id, names);
        }
        if (body.isValueNode()) {
            names.add(body.asText());
        } else if (body.isArray()) {
            body.forEach(name -> names.add(name.asText()));
        } else {
            throw new ScenarioException(at + ": expected a fault name, a list of them, or 'all'");
        }
        for (String name : names) {
            if (!faults.contains(name)) {
                throw new ScenarioException(at + ": no earlier fault step is named '" + name + "'");
            }
        }
        return new Step.Clear(id, names);
    }

    private Step.Fault fault(Fields f) {
        String type = f.requiredString("type");
        String name = Names.check(f, "name", f.string("name", type));
        if (!faults.add(name)) {
            throw f.error("name", "an earlier fault step is named '" + name + "' too; give this one another name");
        }
        String stream = f.oneOf("stream", type.equals("mqtt_connack") ? "upstream" : "downstream",
                Set.of("upstream", "downstream"));
        return new Step.Fault(f.string("id", null), name, type, stream, device(f, false), f.expression("toxicity"),
                FaultAttributes.read(f, params));
    }

    private Step.Update update(Fields f) {
        String fault = f.requiredString("fault");
        if (!faults.contains(fault)) {
            throw f.error("fault", "no earlier fault step is named '" + fault + "'");
        }
        return new Step.Update(f.string("id", null), fault, FaultAttributes.read(f, params));
    }

    private Step.ExpectCount expectCount(Fields f) {
        Expression atLeast = f.expression("at_least");
        Expression atMost = f.expression("at_most");
        Expression exactly = f.expression("count");
        if (exactly != null) {
            if (atLeast != null || atMost != null) {
                throw f.error("count", "give either count or at_least/at_most");
            }
            atLeast = exactly;
            atMost = exactly;
        }
        if (atLeast == null && atMost == null) {
            throw new ScenarioException(f.where() + ": missing key 'count', 'at_least' or 'at_most'");
        }
        return new Step.ExpectCount(f.string("id", null), event(f), from(f), f.requiredExpression("during"), atLeast,
                atMost);
    }

    private Step.Measure measure(Fields f) {
        Figure figure;
        try {
            figure = Figure.of(f.requiredString("figure"));
        } catch (ScenarioException e) {
            throw f.error("figure", e.getMessage());
        }
        for (String key : List.of("event", "source", "where", "contains", "topic")) {
            boolean used = key.equals("topic") ? figure == Figure.WILL_LATENCY : figure.overEvents();
            if (!used && f.has(key)) {
                throw f.error(key, "not a key of the figure " + figure.yamlName());
            }
        }
        EventFilter event = figure.overEvents() ? event(f) : null;
        String topic = figure == Figure.WILL_LATENCY ? f.requiredString("topic") : null;
        Expression low = null;
        Expression high = null;
        if (f.has("between")) {
            JsonNode between = f.node("between");
            if (!between.isArray() || between.size() != 2) {
                throw f.error("between", "expected [low, high]");
            }
            low = f.expression("between", between.get(0));
            high = f.expression("between", between.get(1));
        }
        String device = figure.overEvents() ? event.device() : device(f, figure.sampled());
        return new Step.Measure(f.string("id", null), f.string("name", figure.yamlName()), figure, device, event, topic,
                from(f), f.expression("within"), low, high);
    }

    private EventFilter event(Fields f) {
        return EventFilters.read(f, device(f, false), params);
    }

    private String device(Fields f, boolean required) {
        String device = f.string("device", null);
        if (device == null && required) {
            throw new ScenarioException(f.where() + ": missing key 'device'");
        }
        if (device != null && !devices.contains(device)) {
            throw f.error("device", "no device '" + device + "' in 'devices' (" + String.join(", ", devices) + ")");
        }
        return device;
    }

    private String from(Fields f) {
        String from = f.string("from", null);
        if (from != null && !from.equals("start") && !ids.contains(from)) {
            throw f.error("from", "no earlier step has the id '" + from + "' (or say 'start')");
        }
        return from;
    }


    private Fields fields(JsonNode body, String at) {
        return new Fields(body, at, params);
    }

    /** A step written as {@code kind: value} ({@code sleep: 2s}): the value as the expression of {@code key}. */
    private Expression scalar(String at, String key, JsonNode value) {
        return new Fields(JsonNodeFactory.instance.objectNode(), at, params).expression(key, value);
    }
}
