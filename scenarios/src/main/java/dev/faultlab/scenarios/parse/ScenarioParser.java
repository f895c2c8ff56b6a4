package dev.faultlab.scenarios.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file (YAML) into a {@link Scenario} and checks all of it before anything runs:
 * unknown keys, bad durations and expressions, parameters that do not exist, devices and faults
 * that are not declared. Errors name the file, the step and the key.
 */
public final class ScenarioParser {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> BROKERS = Set.of("embedded", "mosquitto");

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    public static Scenario parse(Path file, String text) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        Set<String> known = new LinkedHashSet<>(Presets.params("compressed").keySet());
        Fields top = new Fields(root, name, known);
        Map<String, Expression> params = params(top, known);
        Scenario.Sweep sweep = sweep(top, known);
        Map<String, DeviceSpec> devices = new DeviceParser(name, known).devices(top.node("devices"));
        List<String> brokers = top.has("brokers") ? top.strings("brokers") : List.of("embedded");
        for (String broker : brokers) {
            if (!BROKERS.contains(broker)) {
                throw top.error("brokers", "unknown broker '" + broker + "' (embedded, mosquitto)");
            }
        }
        Scenario scenario = new Scenario(file, Names.check(top, "name", top.requiredString("name")),
                top.string("summary", ""),
                top.integer("faq", 0), brokers, top.string("proxy", "mqtt"), params, sweep, devices,
                new StepParser(name, known, devices.keySet()).timeline(top.node("timeline")));
        top.done();
        return scenario;
    }

    /** The scenario's own parameters, each default an expression over the timers and earlier ones. */
    private static Map<String, Expression> params(Fields top, Set<String> known) {
        Map<String, Expression> params = new LinkedHashMap<>();
        if (!top.has("params")) {
            return params;
        }
        Fields fields = new Fields(top.node("params"), top.where() + ": params", known);
        for (Iterator<String> it = top.node("params").fieldNames(); it.hasNext(); ) {
            String param = it.next();
            params.put(param, fields.requiredExpression(param));
            known.add(param);
        }
        return params;
    }

    private static Scenario.Sweep sweep(Fields top, Set<String> known) {
        if (!top.has("sweep")) {
            return null;
        }
        JsonNode node = top.node("sweep");
        if (!node.isObject() || node.size() != 1) {
            throw top.error("sweep", "expected one parameter and its values, e.g. {keepalive: [2s, 3s, 4s]}");
        }
        String param = node.fieldNames().next();
        if (!known.contains(param)) {
            throw top.error("sweep", "unknown parameter '" + param + "'");
        }
        JsonNode values = node.get(param);
        if (!values.isArray() || values.isEmpty()) {
            throw top.error("sweep." + param, "expected a non-empty list of values");
        }
        Fields fields = new Fields(node, top.where() + ": sweep", known);
        List<Expression> list = new ArrayList<>();
        values.forEach(value -> list.add(fields.expression(param, value)));
        return new Scenario.Sweep(param, list);
    }
}
