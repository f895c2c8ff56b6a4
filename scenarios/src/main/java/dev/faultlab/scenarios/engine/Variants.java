package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runs of one scenario on one broker: one per value of its sweep, or a single one when it has no
 * sweep or when a {@code --param} names the swept parameter (that value replaces the sweep, so the
 * run is not a sweep value and the report has no sweep table).
 */
final class Variants {
    private Variants() {
    }

    /**
     * One run of the timeline.
     *
     * @param name      the sweep value as {@code param=value}, or null for a run that is not a sweep value
     * @param overrides the sweep's value as a parameter override, over the run's {@code --param}s
     */
    record Variant(String name, Map<String, String> overrides) {
        Variant {
            overrides = Map.copyOf(overrides);
        }
    }

    /** @param settingsOverrides the run's {@code --param}s */
    static List<Variant> of(Scenario scenario, Map<String, String> settingsOverrides) {
        Scenario.Sweep sweep = scenario.sweep();
        if (sweep == null || settingsOverrides.containsKey(sweep.param())) {
            return List.of(new Variant(null, Map.of()));
        }
        List<Variant> variants = new ArrayList<>();
        for (Expression value : sweep.values()) {
            variants.add(new Variant(sweep.param() + "=" + value.text(), Map.of(sweep.param(), value.text())));
        }
        return variants;
    }
}
