package dev.faultlab.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding parameters: preset, defaults in the order written, overrides before what depends on them. */
class ParamsTest {
    private static final Scenario CHAIN = ScenarioParser.parse(Path.of("chain.yaml"), """
            name: chain
            params:
              p1: keepalive + 1s
              p2: p1 + 1s
              p3: p2 + 1s
              p4: p3 + 1s
              p5: p4 + 1s
              p6: p5 + 1s
              p7: p6 + 1s
              p8: p7 + 1s
            timeline:
              - sleep: p8
            """);

    @Test
    void defaultsAreEvaluatedInTheOrderWritten() {
        Map<String, Quantity> bound = Params.bind(CHAIN, "compressed", Map.of());
        assertThat(bound.get("p8")).isEqualTo(Quantity.millis(10_000));
        assertThat(bound.keySet()).containsExactly("keepalive", "reconnect", "network", "retransmit",
                "outbox_expiry", "poll", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    }

    @Test
    void anOverrideReachesWhatDependsOnIt() {
        assertThat(Params.bind(CHAIN, "esp-default", Map.of()).get("p8")).isEqualTo(Quantity.millis(128_000));
        assertThat(Params.bind(CHAIN, "compressed", Map.of("keepalive", "5s")).get("p8"))
                .isEqualTo(Quantity.millis(13_000));
        assertThat(Params.bind(CHAIN, "compressed", Map.of("p4", "1s")).get("p8")).isEqualTo(Quantity.millis(5_000));
    }

    @Test
    void aBadOverrideNamesTheParameter() {
        assertThatThrownBy(() -> Params.bind(CHAIN, "compressed", Map.of("p1", "2 +")))
                .hasMessageStartingWith("parameter p1=2 +: bad expression");
    }
}
