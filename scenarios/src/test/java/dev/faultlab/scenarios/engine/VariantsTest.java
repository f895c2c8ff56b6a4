package dev.faultlab.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runs of a scenario: one per sweep value, one without a sweep, one when a --param names the swept parameter. */
class VariantsTest {
    private static final Scenario SWEPT = ScenarioParser.parse(Path.of("swept.yaml"), """
            name: swept
            sweep: {keepalive: [2s, 3s, 4s]}
            timeline:
              - sleep: keepalive
            """);

    @Test
    void aSweepRunsOncePerValue() {
        assertThat(Variants.of(SWEPT, Map.of())).containsExactly(
                new Variants.Variant("keepalive=2s", Map.of("keepalive", "2s")),
                new Variants.Variant("keepalive=3s", Map.of("keepalive", "3s")),
                new Variants.Variant("keepalive=4s", Map.of("keepalive", "4s")));
    }

    @Test
    void aParamNamingTheSweptParameterRunsOnceWithItsValue() {
        Map<String, String> settings = Map.of("keepalive", "5s");
        assertThat(Variants.of(SWEPT, settings)).containsExactly(new Variants.Variant(null, Map.of()));
        assertThat(Params.bind(SWEPT, "compressed", settings).get("keepalive")).isEqualTo(Quantity.millis(5_000));
    }

    @Test
    void aParamNamingAnotherParameterKeepsTheSweep() {
        assertThat(Variants.of(SWEPT, Map.of("reconnect", "2s"))).extracting(Variants.Variant::name)
                .containsExactly("keepalive=2s", "keepalive=3s", "keepalive=4s");
    }

    @Test
    void withoutASweepThereIsOneRun() {
        Scenario plain = ScenarioParser.parse(Path.of("plain.yaml"), "name: plain\ntimeline:\n  - sleep: 1s\n");
        assertThat(Variants.of(plain, Map.of())).containsExactly(new Variants.Variant(null, Map.of()));
    }
}
