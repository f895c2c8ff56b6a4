package dev.faultlab.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.scenarios.model.DeviceSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The esp-mqtt options of an {@code emulated} block: their defaults, their values and their errors. */
class DeviceParserTest {

    @Test
    void optionsDefaultToEspMqtts() {
        DeviceSpec.Emulated emulated = emulated("{}", "ESP32_*");
        assertThat(emulated.esp()).isEqualTo(new DeviceSpec.EspOptions(false, 0, 1024, false, 0));
        assertThat(emulated.clientId()).isNull();
    }

    @Test
    void optionsAreRead() {
        DeviceSpec.Emulated emulated = emulated("""
                {protocol: "5", will: {topic: "w/{id}"}, disconnect_with_will: true, disable_keepalive: true,
                 outbox_limit: 2048, buffer_size: 256, receive_buffer: 5760}""", "ESP32_*");
        assertThat(emulated.esp()).isEqualTo(new DeviceSpec.EspOptions(true, 2048, 256, true, 5760));
    }

    @Test
    void theNullClientIdIsTheEmptyId() {
        assertThat(emulated("{null_client_id: true, protocol: \"5\"}", "*").clientId()).isEmpty();
        assertThat(emulated("{null_client_id: false, client_id: ESP32_a}", "ESP32_*").clientId()).isEqualTo("ESP32_a");
    }

    @Test
    void badOptionsAreNamed() {
        assertError("{will: {topic: w}, disconnect_with_will: true}", "ESP32_*",
                "t.yaml: device dut: emulated: 'disconnect_with_will': DISCONNECT reason 0x04 is MQTT 5 only; "
                        + "the protocol is 3.1.1");
        assertError("{protocol: \"5\", disconnect_with_will: true}", "ESP32_*",
                "t.yaml: device dut: emulated: 'disconnect_with_will': the device has no will to publish");
        assertError("{disconnect_with_will: always}", "ESP32_*",
                "t.yaml: device dut: emulated: 'disconnect_with_will': expected true or false, got 'always'");
        assertError("{outbox_limit: -1}", "ESP32_*",
                "t.yaml: device dut: emulated: 'outbox_limit': bytes, at least 0 (0: unlimited)");
        assertError("{outbox_limit: 1kB}", "ESP32_*",
                "t.yaml: device dut: emulated: 'outbox_limit': expected a whole number, got '1kB'");
        assertError("{buffer_size: 0}", "ESP32_*", "t.yaml: device dut: emulated: 'buffer_size': bytes, at least 1");
        assertError("{receive_buffer: -1}", "ESP32_*",
                "t.yaml: device dut: emulated: 'receive_buffer': bytes, at least 0 (0: the system's default)");
        assertError("{disable_keepalive: 1}", "ESP32_*",
                "t.yaml: device dut: emulated: 'disable_keepalive': expected true or false, got '1'");
        assertError("{null_client_id: true, client_id: ESP32_a}", "ESP32_*",
                "t.yaml: device dut: emulated: 'null_client_id': the device sends no client id, so 'client_id' "
                        + "cannot be given too");
        assertError("{null_client_id: true}", "ESP32_*",
                "t.yaml: device dut: 'match': a device with the null client id is known by the id the broker "
                        + "assigns: match \"*\"");
    }

    private static DeviceSpec.Emulated emulated(String block, String match) {
        return ScenarioParser.parse(Path.of("t.yaml"), file(block, match)).devices().get("dut").emulated();
    }

    private static void assertError(String block, String match, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse(Path.of("t.yaml"), file(block, match)))
                .hasMessageContaining(message);
    }

    private static String file(String block, String match) {
        return "name: t\ndevices:\n  dut:\n    match: \"" + match + "\"\n    emulated: " + block.replace("\n", " ")
                + "\ntimeline:\n  - sleep: 1s\n";
    }
}
