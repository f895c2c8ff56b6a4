package dev.faultlab.scenarios.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario file, parsed and checked: metadata, parameters with their defaults, an optional
 * sweep, the devices and the timeline.
 *
 * @param faqRow  the row of FAQ-SCENARIOS.md it reproduces (0 for none)
 * @param brokers the brokers the library runs it against ({@code embedded}, {@code mosquitto})
 * @param proxy   the name of the proxy the devices go through
 * @param params  the scenario's own parameters and their default values (over the preset's timings), in
 *                the order written (a default may use the ones before it)
 * @param devices by alias, in the order written (the order they start in)
 * @param sweep   one parameter and the values the timeline is run with, or null
 */
public record Scenario(Path file, String name, String summary, int faqRow, List<String> brokers, String proxy,
                       Map<String, Expression> params, Sweep sweep, Map<String, DeviceSpec> devices,
                       List<Step> timeline) {

    public Scenario {
        brokers = List.copyOf(brokers);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        timeline = List.copyOf(timeline);
    }

    /** The timeline is run once per value of {@code param}, and the report has a table of the figures. */
    public record Sweep(String param, List<Expression> values) {
        public Sweep {
            values = List.copyOf(values);
        }
    }
}
