package dev.faultlab.scenarios.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.ExpressionParser;
import dev.faultlab.scenarios.model.ScenarioException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code attributes} of a {@code fault} or {@code update} step, as the toxic takes them: a text
 * that reads as an expression over known parameters ({@code keepalive / 2}, {@code 3s}) becomes an
 * {@link Expression}, sent as a number (durations in milliseconds); anything else ({@code
 * [PINGRESP]}, {@code "ESP32_1a*"}) is sent as written.
 */
final class FaultAttributes {
    private FaultAttributes() {
    }

    /**
     * A toxic's attributes: texts that read as expressions over parameters or durations become
     * expressions (durations are sent in milliseconds); everything else is sent as written.
     */
    static Map<String, Object> read(Fields f, Set<String> params) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (!f.has("attributes")) {
            return attributes;
        }
        JsonNode node = f.node("attributes");
        if (!node.isObject()) {
            throw f.error("attributes", "expected a mapping, got " + Fields.kindOf(node));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            attributes.put(entry.getKey(), attribute(entry.getValue(), params));
        }
        return attributes;
    }

    private static Object attribute(JsonNode value, Set<String> params) {
        if (!value.isTextual()) {
            return value;
        }
        Expression expression = expression(value.asText(), params);
        return expression == null ? value : expression;
    }

    /** {@code text} as an expression over {@code params}, or null when it is not one (a name, a glob). */
    static Expression expression(String text, Set<String> params) {
        try {
            Expression expression = ExpressionParser.parse(text);
            return params.containsAll(expression.names()) ? expression : null;
        } catch (ScenarioException notAnExpression) {
            return null;
        }
    }
}
