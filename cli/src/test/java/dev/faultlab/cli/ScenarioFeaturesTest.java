package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultlab.scenarios.engine.RunSettings;
import dev.faultlab.scenarios.engine.Runner;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.parse.ScenarioParser;
import dev.faultlab.scenarios.report.FigureResult;
import dev.faultlab.scenarios.report.Progress;
import dev.faultlab.scenarios.report.Reports;
import dev.faultlab.scenarios.report.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.faultlab.proxy.testing.Tshark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the language the library's first scenarios do not use, run for real in in-process
 * labs (two at once): side-client publish and will figures, DUP and in-flight figures under held
 * acks, fault updates, a sweep with its report table, and a broker outage (proxy disabled, hanging)
 * with devices stopped, started and aborted.
 */
class ScenarioFeaturesTest {
    private static final String FIGURES = """
            name: figures
            devices:
              dut:
                match: "FIG_*"
                emulated:
                  client_id: "FIG_{n}"
                  will: {topic: "fig/{id}/status", payload: gone}
                  publish: {topic: "fig/{id}/data", qos: 1, interval: 200ms}
                  subscriptions: [{filter: "fig/{id}/cmd", qos: 1}]
            timeline:
              - wait: {event: suback, device: dut, from: start, timeout: 2s}
              - publish: {topic: "fig/FIG_0/cmd", payload: hello, qos: 1}
              - expect: {event: MQTT_EVENT_DATA, source: device, device: dut, where: {payload: hello}, within: 2s}
              - fault: {name: stall, type: mqtt_hold, device: dut, attributes: {packets: [PUBACK]}}
              - update: {fault: stall, attributes: {packets: [PUBACK, PUBCOMP]}}
              - measure: {figure: dup_count, device: dut, within: 4 * retransmit, between: [1, 100]}
              - measure: {figure: inflight_peak, device: dut, between: [2, 100]}
              - clear: stall
              - subscribe: {topic: "fig/+/status", qos: 1}
              - cut: {device: dut, mode: rst}
              - measure: {figure: will_latency, topic: "fig/{id}/status", within: 2s, between: [0s, 1s]}
            """;
    private static final String OUTAGE = """
            name: outage
            devices:
              dut: {match: "OUT_*", emulated: {client_id: "OUT_{n}", will: {topic: "out/{id}/status"}}}
            timeline:
              - subscribe: {topic: "out/+/status", qos: 1}
              - stop: dut
              - expect: {event: disconnect, device: dut, within: 1s}
              - expect_none: {event: message, source: side, during: 1s}
              - proxy: {enabled: false}
              - start: dut
              - expect: {event: log, source: device, contains: "Error transport connect", within: network + 1s}
              - proxy: {enabled: true}
              - expect: {event: connack, device: dut, where: {code: 0}, within: 1.5 * reconnect + 1s}
              - proxy: {hang: true}
              - abort: {id: aborted, device: dut}
              - expect: {event: message, source: side, where: {payload: offline}, within: 1s}
              - expect: {event: log, source: device, contains: "mqtt_message_receive() returned 0",
                         within: 1.5 * reconnect + network + 1s}
              - expect_none: {event: connack, device: dut, from: aborted, during: 0s}
            """;
    private static final String SWEEP = """
            name: sweep
            sweep: {reconnect: [1s, 2s]}
            devices:
              dut: {match: "SWP_*", emulated: {client_id: "SWP_{n}"}}
            timeline:
              - cut: {device: dut}
              - measure: {figure: reconnect, device: dut, within: 2 * reconnect + 1s,
                          between: [reconnect - 0.2s, 1.5 * reconnect + 0.5s]}
            """;

    private static final String CAPTURE = """
            name: capture
            devices:
              dut:
                match: "CAP_*"
                emulated:
                  client_id: "CAP_{n}"
                  publish: {topic: "cap/{id}/data", qos: 1, interval: 100ms}
            timeline:
              - wait: {event: ack, device: dut, where: {packet: PUBACK}, from: start, timeout: 2s}
              - capture: {id: capturing, device: dut, file: session.pcap}
              - expect_count: {event: ack, device: dut, where: {packet: PUBACK}, during: 1s, at_least: 3}
            """;

    @TempDir
    Path dir;

    @Test
    void aCaptureStepSavesTheSessionAsAPcapWiresharkDecodes() throws Exception {
        Scenario capture = ScenarioParser.parse(Path.of("capture.yaml"), CAPTURE);

        List<RunResult> results = new Runner(RunSettings.compressed().withCaptures(dir), new InProcessLabs(0), 1,
                Progress.none()).run(List.of(capture), scenario -> List.of("embedded"));

        assertThat(results).singleElement().satisfies(r -> assertThat(r.passed()).as("%s %s", r.failure(), r.error())
                .isTrue());
        Path file = dir.resolve("session.pcap");
        assertThat(results.get(0).steps().get(1).observation()).isEqualTo("capturing into " + file);
        assumeTrue(Tshark.available(), "tshark is not installed");
        List<Tshark.MqttPacket> packets = Tshark.mqttPackets(file, Tshark.ports(file));
        assertThat(packets).extracting(Tshark.MqttPacket::type).as("PUBLISH (3) and PUBACK (4), both sides")
                .contains(3, 4);
        assertThat(packets.stream().filter(p -> p.type() == 4).count()).as("PUBACKs, on the device's side and the"
                + " broker's").isGreaterThanOrEqualTo(2);
    }

    @Test
    void figuresSweepsAndTheirReports() throws Exception {
        Scenario figures = ScenarioParser.parse(Path.of("figures.yaml"), FIGURES);
        Scenario sweep = ScenarioParser.parse(Path.of("sweep.yaml"), SWEEP);
        Scenario outage = ScenarioParser.parse(Path.of("outage.yaml"), OUTAGE);

        List<RunResult> results = new Runner(RunSettings.compressed(), new InProcessLabs(0), 2, Progress.none())
                .run(List.of(figures, sweep, outage), scenario -> List.of("embedded"));

        assertThat(results).extracting(RunResult::label)
                .containsExactly("figures", "sweep[reconnect=1s]", "sweep[reconnect=2s]", "outage");
        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as("%s: %s %s", r.label(), r.failure(), r.error())
                .isTrue());
        assertThat(results.get(0).figures()).extracting(FigureResult::name)
                .containsExactly("dup_count", "inflight_peak", "will_latency");
        assertThat(results.get(2).figures().get(0).value()).isBetween(1_800.0, 3_500.0);

        Path markdown = Reports.writeDirectory(dir, results);
        assertThat(Files.readString(markdown))
                .contains("| value | result | reconnect |")
                .containsPattern("\\| reconnect=1s \\| passed \\| 1\\.\\d{3} s \\|")
                .containsPattern("\\| reconnect=2s \\| passed \\| [23]\\.\\d{3} s \\|");
        assertThat(Files.readString(dir.resolve("junit.xml")))
                .contains("<testsuite name=\"scenarios.sweep\" tests=\"2\" failures=\"0\" errors=\"0\"")
                .contains("name=\"sweep[reconnect=2s]\"");
    }
}
