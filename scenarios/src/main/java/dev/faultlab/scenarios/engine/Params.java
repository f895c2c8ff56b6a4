package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.ExpressionParser;
import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds a scenario's parameters for one run: the preset's timers first, then the scenario's own
 * parameters in the order written, each default evaluated over what is bound before it; an override
 * ({@code --param}, or the sweep's value) replaces a parameter's value before anything that depends
 * on it is evaluated.
 */
final class Params {
    private Params() {
    }

    /**
     * @param overrides parameter name to expression text; names the scenario does not know are left out
     */
    static Map<String, Quantity> bind(Scenario scenario, String preset, Map<String, String> overrides) {
        Map<String, Quantity> bound = new LinkedHashMap<>(Presets.params(preset));
        for (String timer : bound.keySet().toArray(String[]::new)) {
            if (overrides.containsKey(timer)) {
                bound.put(timer, evaluate(timer, overrides.get(timer), bound));
            }
        }
        for (Map.Entry<String, Expression> param : scenario.params().entrySet()) {
            String name = param.getKey();
            bound.put(name, overrides.containsKey(name) ? evaluate(name, overrides.get(name), bound)
                    : param.getValue().eval(bound));
        }
        return bound;
    }

    private static Quantity evaluate(String name, String text, Map<String, Quantity> bound) {
        try {
            return ExpressionParser.parse(text).eval(bound);
        } catch (ScenarioException e) {
            throw new ScenarioException("parameter " + name + "=" + text + ": " + e.getMessage(), e);
        }
    }
}
