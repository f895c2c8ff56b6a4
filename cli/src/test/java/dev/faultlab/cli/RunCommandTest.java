package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.Fleet;
import dev.faultlab.emulator.FleetConfig;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.net.HostPort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faultlab run} against a separately started lab ({@code faultlab up}'s {@link Lab}) driven
 * over HTTP only: a wrong expectation's message, the real-board path with devices the engine did
 * not start, cleanup after a failed step, and a bad file.
 */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NO_PINGRESP = ScenarioLibraryTest.LIBRARY.resolve("no-pingresp.yaml");
    private static Lab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLab() throws Exception {
        HostPort any = HostPort.parse("127.0.0.1:0");
        lab = Lab.start(new Lab.Options(any, null, any, 0));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @AfterEach
    void noDeviceIsLeftConnected() {
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/connections?proxy=mqtt").isEmpty());
    }

    @Test
    void aWrongExpectationFailsNamingTheExpectationTheWindowAndWhatHappened() throws Exception {
        Path file = dir.resolve("wrong.yaml");
        Files.writeString(file, Files.readString(NO_PINGRESP)
                .replace("name: no-pingresp", "name: wrong-expectation")
                .replace("where: {cause: client_keepalive}, from: answered, within: keepalive + margin",
                        "where: {cause: client_keepalive}, from: answered, within: keepalive - 1s"));
        Path report = dir.resolve("report");

        Path junit = dir.resolve("ci").resolve("scenarios.xml");
        Run run = run("run", file.toString(), "--proxy", api(), "--report", report.toString(),
                "--junit", junit.toString());

        String expected = "step 5 'expect connection_closed of dut where cause=client_keepalive within 1.000s "
                + "(keepalive - 1s)': "
                + "nothing within the window; last events: ";
        assertThat(run.exit).isEqualTo(RunCommand.FAILED);
        assertThat(run.out).contains("FAILED wrong-expectation: " + expected)
                .containsPattern("pingresp 0\\.0\\d\\ds, (fault_applied 0\\.\\d{3}s, )?pingreq (0\\.9|1\\.0)\\d\\ds")
                .contains("[wrong-expectation] 6/11 expect log 'No PING_RESP, disconnected' of dut")
                .contains("... skipped");
        assertThat(junit).hasSameTextualContentAs(report.resolve("junit.xml"));
        assertThat(Files.readString(report.resolve("junit.xml")))
                .contains("<testcase classname=\"scenarios.wrong-expectation\" name=\"wrong-expectation\"")
                .contains("<failure message=\"" + expected);
        assertThat(Files.readString(report.resolve("report.md")))
                .contains("## wrong-expectation").contains("**Failed:** " + expected)
                .contains("| 5 |").contains("| FAILED |");
    }

    @Test
    void theSameFileRunsAgainstDevicesTheEngineDidNotStart() throws Exception {
        HostPort proxy = HostPort.parse(lab.proxyAddress());
        DeviceConfig template = DeviceConfig.builder(proxy.host(), proxy.port(), 11).timings(Timings.COMPRESSED)
                .build();
        try (EventLoops loops = EventLoops.create(1)) {
            Fleet boards = new Fleet(new FleetConfig(template, 1, null, null, 100, 11), loops, (id, line) -> { });
            boards.start();
            try {
                Run run = run("run", ScenarioLibraryTest.LIBRARY.resolve("link-cut-reconnect.yaml").toString(),
                        "--proxy", api(), "--real", "--preset", "compressed", "--device-wait", "10");

                assertThat(run.exit).as(run.out).isEqualTo(RunCommand.PASSED);
                assertThat(run.out).contains("[link-cut-reconnect] 3/16 expect MQTT_EVENT_DISCONNECTED of dut "
                        + "within 1.000s (notice) ... n/a: real device").contains("PASSED");
                assertThat(boards.devices().get(0).state().name()).isEqualTo("CONNECTED");
            } finally {
                boards.stop().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void afterAFailedStepNoFaultRemainsAndNoDeviceRuns() throws Exception {
        lab.server().registry().addToxic("mqtt", new ToxicRequest("bystander", "latency", "downstream", 1.0,
                java.util.Map.of("latency", 1)));
        Path file = dir.resolve("failing.yaml");
        Files.writeString(file, """
                name: failing
                devices:
                  dut: {match: "ESP32_*"}
                timeline:
                  - fault: {name: no_pingresp, type: mqtt_drop, device: dut, attributes: {packets: [PINGRESP]}}
                  - fault: {name: slow, type: latency, device: dut, attributes: {latency: 10ms}}
                  - proxy: {hang: true}
                  - expect: {event: connack, device: dut, where: {code: 3}, within: 300ms}
                  - sleep: 1s
                """);
        try {
            Run run = run("run", file.toString(), "--proxy", api());

            assertThat(run.exit).isEqualTo(RunCommand.FAILED);
            assertThat(run.out).contains("[failing] 4/5 expect connack of dut where code=3 within 0.300s ... FAILED")
                    .contains("[failing] 5/5 sleep 1.000s ... skipped");
            assertThat(get("/proxies/mqtt").has("hang")).isFalse();
            assertThat(get("/proxies/mqtt/toxics")).extracting(t -> t.path("name").asText())
                    .containsExactly("bystander");
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/connections?proxy=mqtt").isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().startsWith("faultlab-device")));
        } finally {
            lab.server().registry().removeToxic("mqtt", "bystander");
        }
    }

    @Test
    void aFaultTheProxyRefusesIsAnErrorAndLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("refused.yaml");
        Files.writeString(file, """
                name: refused
                devices:
                  dut: {match: "ESP32_*"}
                timeline:
                  - fault: {name: first, type: mqtt_drop, device: dut, attributes: {packets: [PINGRESP]}}
                  - fault: {name: second, type: mqtt_connack, stream: downstream, device: dut}
                """);

        Run run = run("run", file.toString(), "--proxy", api());

        assertThat(run.exit).isEqualTo(RunCommand.BROKEN);
        assertThat(run.out).contains("[refused] 2/2 fault refused.second: mqtt_connack downstream on dut ... FAILED "
                + "POST /proxies/mqtt/toxics: 400").contains("ERROR  refused: step 2 ");
        assertThat(get("/proxies/mqtt/toxics")).isEmpty();
    }

    @Test
    void anUnknownPresetOrParameterExitsWithTwo() {
        String file = NO_PINGRESP.toString();
        assertThat(run("run", file, "--preset", "slow").err).contains("unknown preset 'slow'");
        assertThat(run("run", file, "--param", "keepalive=3s", "--param", "kepalive=3s").err)
                .contains("--param kepalive: no scenario has this parameter");
        assertThat(run("run", file, "--real").exit).isEqualTo(RunCommand.BROKEN);
    }

    @Test
    void aBadFileExitsWithTwoAndSaysWhere() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\ntimeline:\n  - expect: {event: pingreq, within: keepalve}\n");

        Run run = run("run", file.toString());

        assertThat(run.exit).isEqualTo(RunCommand.BROKEN);
        assertThat(run.err).contains("bad.yaml: step 1 (expect): 'within': unknown parameter 'keepalve'");
    }

    private static String api() {
        return "http://" + lab.server().apiAddress();
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(Http.get(lab.server().apiPort(), path));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FaultlabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
