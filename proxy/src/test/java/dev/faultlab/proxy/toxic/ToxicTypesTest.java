package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicTypesTest {
    private final ToxicTypes types = ToxicTypes.standard();

    @Test
    void theStandardTableHasToxiproxysNames() {
        assertThat(types.names()).containsExactly(
                "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data", "noop");
    }

    @Test
    void everyAttributeRendersEvenWhenZero() {
        assertThat(types.render(types.parse("latency", null, Map.of())))
                .containsExactly(Map.entry("latency", 0L), Map.entry("jitter", 0L));
        assertThat(types.render(new BandwidthToxic(0))).containsExactly(Map.entry("rate", 0L));
        assertThat(types.render(new SlowCloseToxic(0))).containsExactly(Map.entry("delay", 0L));
        assertThat(types.render(new TimeoutToxic(0))).containsExactly(Map.entry("timeout", 0L));
        assertThat(types.render(new ResetPeerToxic(0))).containsExactly(Map.entry("timeout", 0L));
        assertThat(types.render(new LimitDataToxic(0))).containsExactly(Map.entry("bytes", 0L));
        assertThat(types.render(new SlicerToxic(1, 0, 0))).containsExactly(
                Map.entry("average_size", 1), Map.entry("size_variation", 0), Map.entry("delay", 0));
        assertThat(types.render(new NoopToxic())).isEmpty();
    }

    @Test
    void attributesParseFromSnakeCaseKeysInAnyCase() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("Average_Size", 100);
        attributes.put("size_variation", 10);
        attributes.put("delay", 50);
        attributes.put("unknown", "ignored");
        assertThat(types.parse("slicer", null, attributes)).isEqualTo(new SlicerToxic(100, 10, 50));
        assertThat(types.parse("latency", null, Map.of("latency", 100, "jitter", 5)))
                .isEqualTo(new LatencyToxic(100, 5));
        assertThat(types.parse("limit_data", null, Map.of("bytes", 5_000_000_000L)))
                .isEqualTo(new LimitDataToxic(5_000_000_000L));
    }

    @Test
    void anUpdateMergesKeyByKey() {
        Toxic updated = types.parse("latency", new LatencyToxic(100, 5), Map.of("jitter", 20));
        assertThat(updated).isEqualTo(new LatencyToxic(100, 20));
    }

    @Test
    void senselessValuesAreRejectedWithAClearMessage() {
        List<Object[]> bad = List.of(
                new Object[] {"latency", Map.of("latency", -1), "latency must not be negative"},
                new Object[] {"latency", Map.of("jitter", -1), "jitter must not be negative"},
                new Object[] {"bandwidth", Map.of("rate", -1), "rate must not be negative"},
                new Object[] {"slow_close", Map.of("delay", -1), "delay must not be negative"},
                new Object[] {"timeout", Map.of("timeout", -1), "timeout must not be negative"},
                new Object[] {"reset_peer", Map.of("timeout", -1), "timeout must not be negative"},
                new Object[] {"limit_data", Map.of("bytes", -1), "bytes must not be negative"},
                new Object[] {"slicer", Map.of("average_size", 0), "average_size must be positive"},
                new Object[] {"slicer", Map.of("average_size", 10, "size_variation", 10), "size_variation"},
                new Object[] {"latency", Map.of("latency", Long.MAX_VALUE), "latency must be at most"},
                new Object[] {"latency", Map.of("jitter", Long.MAX_VALUE / 2), "jitter must be at most"},
                new Object[] {"timeout", Map.of("timeout", Long.MAX_VALUE), "timeout must be at most"});
        for (Object[] c : bad) {
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) c[1];
            assertThatThrownBy(() -> types.parse((String) c[0], null, attributes))
                    .as("%s %s", c[0], c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining((String) c[2]);
        }
    }
}
