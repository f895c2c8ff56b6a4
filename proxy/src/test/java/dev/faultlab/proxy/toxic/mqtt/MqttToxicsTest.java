package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MQTT faults through the type table: JSON attributes in, every attribute out, defaults. */
class MqttToxicsTest {
    private final ToxicTypes types = ToxicTypes.standard().with(MqttToxics.types());

    @Test
    void everyFaultIsRegisteredAfterTheStandardToxics() {
        assertThat(types.names()).endsWith("mqtt_drop", "mqtt_delay", "mqtt_hold", "mqtt_connack", "mqtt_disconnect",
                "mqtt_duplicate", "zero_window", "half_open");
        assertThat(types.names()).startsWith("latency");
    }

    @Test
    void defaultsAreRenderedWithEveryAttribute() {
        assertThat(types.render(types.parse("mqtt_drop", null, Map.of("packets", List.of("pingresp")))))
                .containsExactly(Map.entry("packets", List.of("PINGRESP")), Map.entry("count", 0L),
                        Map.entry("probability", 1.0));
        assertThat(types.render(types.parse("mqtt_connack", null, Map.of()))).containsExactly(Map.entry("code", 5),
                Map.entry("count", 0L));
        assertThat(types.render(types.parse("mqtt_disconnect", null, Map.of()))).containsExactly(Map.entry("reason", 139));
        assertThat(types.render(types.parse("zero_window", null, Map.of()))).containsExactly(Map.entry("rcvbuf", 0));
        assertThat(types.render(types.parse("half_open", null, Map.of()))).isEmpty();
        assertThat(types.render(types.parse("mqtt_delay", null, Map.of("packets", List.of("PUBACK"), "delay", 5))))
                .containsExactly(Map.entry("packets", List.of("PUBACK")), Map.entry("delay", 5L), Map.entry("jitter", 0L));
    }

    @Test
    void anUpdateOfTheConnackCodeKeepsTheRefusalsLeft() {
        Toxic created = types.parse("mqtt_connack", null, Map.of("count", 3));
        ((MqttConnackToxic) created).refusals().take();
        MqttConnackToxic updated = (MqttConnackToxic) types.parse("mqtt_connack", created, Map.of("code", 4));
        assertThat(updated.code()).isEqualTo(4);
        assertThat(updated.refusals().left()).isEqualTo(2);
        MqttConnackToxic recounted = (MqttConnackToxic) types.parse("mqtt_connack", updated, Map.of("count", 1));
        assertThat(recounted.refusals().left()).isEqualTo(1);
    }

    @Test
    void badAttributesAreRejectedWithAMessage() {
        assertThatThrownBy(() -> types.parse("mqtt_drop", null, Map.of("packets", "PINGRESP")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mqtt_drop");
        assertThatThrownBy(() -> types.parse("mqtt_hold", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packets");
        assertThatThrownBy(() -> types.parse("mqtt_connack", null, Map.of("code", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code");
    }
}
