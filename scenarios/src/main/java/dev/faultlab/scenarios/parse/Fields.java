package dev.faultlab.scenarios.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.ExpressionParser;
import dev.faultlab.scenarios.model.ScenarioException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of one YAML mapping, read with a location for errors ({@code file: step 4 (expect)}).
 * Every getter marks its key as known; {@link #done()} fails on any key nobody asked for, so a
 * misspelt key is an error rather than a silently ignored line.
 */
final class Fields {
    private final JsonNode node;
    private final String where;
    private final Set<String> params;
    private final Set<String> asked = new TreeSet<>();

    /**
     * @param params the parameter names expressions may use
     */
    Fields(JsonNode node, String where, Set<String> params) {
        if (node == null || !node.isObject()) {
            throw new ScenarioException(where + ": expected a mapping of keys, got " + kindOf(node));
        }
        this.node = node;
        this.where = where;
        this.params = params;
    }

    String where() {
        return where;
    }

    ScenarioException error(String key, String what) {
        return new ScenarioException(where + ": '" + key + "': " + what);
    }

    boolean has(String key) {
        asked.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode node(String key) {
        asked.add(key);
        return node.get(key);
    }

    String string(String key, String otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode()) {
            throw error(key, "expected text, got " + kindOf(value));
        }
        return value.asText();
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw new ScenarioException(where + ": missing key '" + key + "'");
        }
        return value;
    }

    /** A text that must be one of {@code allowed}. */
    String oneOf(String key, String otherwise, Set<String> allowed) {
        String value = string(key, otherwise);
        if (!allowed.contains(value)) {
            throw error(key, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    int integer(String key, int otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        JsonNode value = node.get(key);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw error(key, "expected a whole number, got '" + value.asText() + "'");
        }
        return value.intValue();
    }

    /** An MQTT QoS, 0 to 2. */
    int qos(int otherwise) {
        int qos = integer("qos", otherwise);
        if (qos < 0 || qos > 2) {
            throw error("qos", "must be 0, 1 or 2");
        }
        return qos;
    }

    boolean bool(String key, boolean otherwise) {
        if (!has(key)) {
            return otherwise;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw error(key, "expected true or false, got '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    /** An expression (a duration such as {@code 2s}, a number, or arithmetic over parameters), or null. */
    Expression expression(String key) {
        if (!has(key)) {
            return null;
        }
        return expression(key, node.get(key));
    }

    Expression requiredExpression(String key) {
        Expression value = expression(key);
        if (value == null) {
            throw new ScenarioException(where + ": missing key '" + key + "'");
        }
        return value;
    }

    Expression expression(String key, JsonNode value) {
        if (!value.isValueNode()) {
            throw error(key, "expected an expression, got " + kindOf(value));
        }
        Expression expression;
        try {
            expression = ExpressionParser.parse(value.asText());
        } catch (ScenarioException e) {
            throw error(key, e.getMessage());
        }
        for (String name : expression.names()) {
            if (!params.contains(name)) {
                throw error(key, "unknown parameter '" + name + "' in '" + expression.text() + "' (known: "
                        + String.join(", ", new TreeSet<>(params)) + ")");
            }
        }
        return expression;
    }

    /** A list of texts; a single text counts as a list of one. */
    List<String> strings(String key) {
        List<String> values = new ArrayList<>();
        if (!has(key)) {
            return values;
        }
        JsonNode value = node.get(key);
        if (value.isValueNode()) {
            values.add(value.asText());
            return values;
        }
        if (!value.isArray()) {
            throw error(key, "expected a list, got " + kindOf(value));
        }
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                throw error(key, "expected a list of texts, got " + kindOf(item));
            }
            values.add(item.asText());
        }
        return values;
    }

    /** A mapping of text to text (for {@code where}). */
    Map<String, String> textMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!has(key)) {
            return values;
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            throw error(key, "expected a mapping, got " + kindOf(value));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode()) {
                throw error(key + "." + entry.getKey(), "expected a plain value, got " + kindOf(entry.getValue()));
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    /** Fails at once on a key outside {@code allowed}, before a missing key could hide a misspelt one. */
    void only(Set<String> allowed) {
        asked.addAll(allowed);
        done();
    }

    /** Fails on keys that were never asked for. */
    void done() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!asked.contains(key)) {
                throw new ScenarioException(where + ": unknown key '" + key + "' (known here: "
                        + String.join(", ", asked) + ")");
            }
        }
    }

    static String kindOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
