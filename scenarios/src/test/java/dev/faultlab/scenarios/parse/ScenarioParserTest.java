package dev.faultlab.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Figure;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import dev.faultlab.scenarios.model.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Scenario files: what a valid file becomes, and errors that name the file, the step and the key. */
class ScenarioParserTest {
    private static final String HEAD = """
            name: t
            faq: 13
            params:
              margin: poll + 0.5s
            devices:
              dut:
                match: "ESP32_*"
                emulated: {client_id: "ESP32_{n}", will: {topic: "w/{id}", delay: 2s}}
            timeline:
            """;

    @Test
    void aValidFileBecomesTypedSteps() {
        Scenario scenario = parse(HEAD + """
                  - wait: {id: answered, event: pingresp, device: dut, timeout: keepalive + margin}
                  - fault: {name: drop, type: mqtt_drop, device: dut,
                            attributes: {packets: [PINGRESP], after: keepalive / 2}}
                  - expect: {event: connection_closed, device: dut, where: {cause: client_fin}, from: answered,
                             within: keepalive + margin}
                  - expect_count: {event: connack, device: dut, where: {code: 5}, at_least: 2, during: 3 * reconnect}
                  - sleep: 1s
                  - measure: {figure: reconnect, device: dut, between: [reconnect - 0.2s, 1.5 * reconnect]}
                  - clear: all
                """);
        assertThat(scenario.faqRow()).isEqualTo(13);
        assertThat(scenario.brokers()).containsExactly("embedded");
        assertThat(scenario.devices().get("dut").emulated().will().delay().text()).isEqualTo("2s");
        assertThat(scenario.timeline()).extracting(Step::kind)
                .containsExactly("wait", "fault", "expect", "expect_count", "sleep", "measure", "clear");
        Step.Fault fault = (Step.Fault) scenario.timeline().get(1);
        assertThat(fault.stream()).isEqualTo("downstream");
        assertThat(fault.attributes().get("after")).isInstanceOf(Expression.class);
        assertThat(fault.attributes().get("packets").toString()).isEqualTo("[\"PINGRESP\"]");
        Step.Expect expect = (Step.Expect) scenario.timeline().get(2);
        assertThat(expect.event()).isEqualTo(new EventFilter(EventFilter.Source.PROXY, "connection_closed", "dut",
                java.util.Map.of("cause", "client_fin"), null));
        assertThat(expect.from()).isEqualTo("answered");
        assertThat(((Step.Measure) scenario.timeline().get(5)).figure()).isEqualTo(Figure.RECONNECT);
        assertThat(((Step.Clear) scenario.timeline().get(6)).faults()).isEmpty();
    }

    @Test
    void whereValuesOverParametersAreEvaluatedWhenTheStepRuns() {
        Step.Expect expect = (Step.Expect) parse(HEAD + "  - expect: {event: connect, within: 1s,"
                + " where: {keep_alive: keepalive / 1s, clean_session: true, version: 3.1.1}}\n").timeline().get(0);
        assertThat(expect.event().computed()).containsOnlyKeys("keep_alive");
        assertThat(expect.event().bind(dev.faultlab.scenarios.model.Presets.params("esp-default")).where())
                .containsEntry("keep_alive", "120").containsEntry("clean_session", "true")
                .containsEntry("version", "3.1.1");
    }

    @Test
    void aClearWithKeysHasAnIdLaterWindowsStartFrom() {
        Scenario scenario = parse(HEAD + """
                  - fault: {name: drop, type: mqtt_drop, attributes: {packets: [PINGRESP]}}
                  - clear: {id: lifted, faults: [drop]}
                  - clear: {faults: all}
                  - expect: {event: connack, from: lifted, within: 1s}
                """);
        assertThat((Step.Clear) scenario.timeline().get(1)).isEqualTo(new Step.Clear("lifted", List.of("drop")));
        assertThat(((Step.Clear) scenario.timeline().get(2)).faults()).isEmpty();
        assertError("  - clear: {id: lifted}\n", "t.yaml: step 1 (clear): missing key 'faults'");
        assertError("  - clear: {faults: all, within: 1s}\n", "t.yaml: step 1 (clear): unknown key 'within'");
    }

    @Test
    void aCountFigureCountsTheEventsOfItsFilterOverAWindow() {
        Step.Measure measure = (Step.Measure) parse(HEAD + "  - measure: {name: closes, figure: count,"
                + " event: connection_closed, device: dut, within: 3 * keepalive, between: [0, 1]}\n").timeline().get(0);
        assertThat(measure.figure()).isEqualTo(Figure.COUNT);
        assertThat(measure.figure().duration()).isFalse();
        assertThat(measure.figure().overWindow()).isTrue();
        assertThat(measure.event()).isEqualTo(new EventFilter(EventFilter.Source.PROXY, "connection_closed", "dut",
                java.util.Map.of(), null));
        assertThat(measure.device()).isEqualTo("dut");
        assertError("  - measure: {figure: count, topic: t}\n", "t.yaml: step 1 (measure): 'topic': not a key of the"
                + " figure count");
    }

    @Test
    void sampledFiguresNeedADeviceAndCountBytes() {
        Step.Measure measure = (Step.Measure) parse(HEAD + "  - measure: {figure: window_shrink, device: dut,"
                + " between: [4000, 6000]}\n").timeline().get(0);
        assertThat(measure.figure().sampled()).isTrue();
        assertThat(measure.figure().overWindow()).isTrue();
        assertThat(measure.figure().duration()).isFalse();
        assertThat(Figure.INFLIGHT_PEAK.sampled()).isFalse();
        assertError("  - measure: {figure: backlog_peak}\n", "t.yaml: step 1 (measure): missing key 'device'");
    }

    @Test
    void aCaptureNamesADeviceAndOptionallyItsTimeAndFile() {
        List<Step> timeline = parse(HEAD + "  - capture: {device: dut}\n"
                + "  - capture: {id: pcap, device: dut, seconds: 2 * keepalive, file: session.pcap}\n").timeline();
        assertThat(timeline.get(0)).isEqualTo(new Step.Capture(null, "dut", null, null));
        Step.Capture timed = (Step.Capture) timeline.get(1);
        assertThat(timed.file()).isEqualTo("session.pcap");
        assertThat(timed.seconds()).isNotNull();
        assertError("  - capture: {device: dut, file: ../elsewhere.pcap}\n",
                "t.yaml: step 1 (capture): 'file': a file name in the capture folder (no path), got '../elsewhere.pcap'");
        assertError("  - capture: {device: nobody}\n", "t.yaml: step 1 (capture): 'device': no device 'nobody'");
    }

    @Test
    void aPublishSizePadsThePayloadWithDots() {
        Step.Publish publish = (Step.Publish) parse(HEAD + "  - publish: {topic: t, payload: m1, size: 6}\n")
                .timeline().get(0);
        assertThat(publish.payload()).isEqualTo("m1....");
        assertError("  - publish: {topic: t, payload: m123, size: 2}\n",
                "t.yaml: step 1 (publish): 'size': bytes, at least the payload's 4");
    }

    @Test
    void devicesMayBeLeftUnwaitedFor() {
        Scenario scenario = parse(HEAD.replace("match: \"ESP32_*\"", "match: \"ESP32_*\"\n    wait_connected: false")
                + "  - sleep: 1s\n");
        assertThat(scenario.devices().get("dut").waitConnected()).isFalse();
    }

    @Test
    void readingIsPausedAndResumedPerDevice() {
        List<Step> timeline = parse(HEAD + "  - pause_reading: dut\n  - resume_reading: {id: back, device: dut}\n")
                .timeline();
        assertThat(timeline).extracting(Step::kind).containsExactly("pause_reading", "resume_reading");
        assertThat(((Step.Lifecycle) timeline.get(1)).device()).isEqualTo("dut");
        assertError("  - pause_reading: dvt\n", "t.yaml: step 1 (pause_reading): no device 'dvt'");
    }

    @Test
    void connackFaultsGoUpstreamByDefault() {
        Step.Fault fault = (Step.Fault) parse(HEAD + "  - fault: {type: mqtt_connack, attributes: {code: 5}}\n")
                .timeline().get(0);
        assertThat(fault.stream()).isEqualTo("upstream");
        assertThat(fault.name()).isEqualTo("mqtt_connack");
    }

    @Test
    void errorsNameTheFileTheStepAndTheKey() {
        assertError("  - expect: {event: pingreq, withn: 2s}\n",
                "t.yaml: step 1 (expect): unknown key 'withn'");
        assertError("  - sleep: 1s\n  - expect: {event: pingreq, within: keepalve + 1s}\n",
                "t.yaml: step 2 (expect): 'within': unknown parameter 'keepalve' in 'keepalve + 1s'");
        assertError("  - expect: {event: pingreq, within: 2 seconds}\n",
                "t.yaml: step 1 (expect): 'within': bad expression '2 seconds'");
        assertError("  - expect: {event: pingreq}\n", "t.yaml: step 1 (expect): missing key 'within'");
        assertError("  - expect: {event: pingreq, device: dvt, within: 1s}\n",
                "t.yaml: step 1 (expect): 'device': no device 'dvt'");
        assertError("  - clear: drop\n", "t.yaml: step 1 (clear): no earlier fault step is named 'drop'");
        assertError("  - expect: {event: pingreq, from: later, within: 1s}\n",
                "t.yaml: step 1 (expect): 'from': no earlier step has the id 'later'");
        assertError("  - explode: {}\n", "t.yaml: step 1: unknown step kind 'explode'");
        assertError("  - fault: {name: no pingresp, type: mqtt_drop}\n",
                "t.yaml: step 1 (fault): 'name': 'no pingresp' may hold letters, digits, '-' and '_' only");
        assertError("  - measure: {figure: detect, where: {cause: toxic}}\n",
                "t.yaml: step 1 (measure): 'where': not a key of the figure detect");
        assertError("  - measure: {figure: speed}\n", "t.yaml: step 1 (measure): 'figure': unknown figure 'speed'");
        assertError("  - expect: {event: message, source: side, device: dut, within: 1s}\n",
                "t.yaml: step 1 (expect): 'device': side events");
        assertError("  - expect_count: {event: connect, during: 1s}\n",
                "t.yaml: step 1 (expect_count): missing key 'count', 'at_least' or 'at_most'");
    }

    @Test
    void devicesAndMetadataAreChecked() {
        assertThatThrownBy(() -> parse(HEAD.replace("match: \"ESP32_*\"", "match: \"DEV_*\"") + "  - sleep: 1s\n"))
                .hasMessageContaining("t.yaml: device dut: 'match': the emulated client id 'ESP32_{n}' does not match");
        assertThatThrownBy(() -> parse(HEAD.replace("will:", "wil:") + "  - sleep: 1s\n"))
                .hasMessageContaining("t.yaml: device dut: emulated: unknown key 'wil'");
        assertThatThrownBy(() -> parse("name: t\ndevices:\n  a: {}\n  b: {}\ntimeline:\n  - sleep: 1s\n"))
                .hasMessageContaining("t.yaml: device b: 'match': devices a and b both match 'ESP32_*'");
        assertThatThrownBy(() -> parse("name: t\nbrokers: [rabbit]\ntimeline:\n  - sleep: 1s\n"))
                .hasMessageContaining("'brokers': unknown broker 'rabbit'");
        assertThatThrownBy(() -> parse("name: t\ntimeline: []\n"))
                .hasMessageContaining("'timeline' must be a non-empty");
        assertThatThrownBy(() -> parse("name: t\nsweep: {keepalive: [2s, 3x]}\ntimeline:\n  - sleep: 1s\n"))
                .hasMessageContaining("t.yaml: sweep: 'keepalive': bad expression '3x'");
    }

    @Test
    void theLibraryParsesAndEachFileNamesItsFaqRow() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("faq"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            assertThat(ScenarioFiles.load(yaml)).allSatisfy(s -> {
                assertThat(s.faqRow()).as(s.name()).isPositive();
                assertThat(s.file().getFileName()).hasToString(s.name() + ".yaml");
                assertThat(s.summary()).as(s.name()).isNotBlank();
            });
        }
    }

    private static void assertError(String timeline, String message) {
        assertThatThrownBy(() -> parse(HEAD + timeline)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(message);
    }

    private static Scenario parse(String text) {
        return ScenarioParser.parse(Path.of("t.yaml"), text);
    }
}
