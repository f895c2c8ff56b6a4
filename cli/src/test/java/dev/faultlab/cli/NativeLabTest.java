package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import dev.faultlab.cli.lab.Executables;
import dev.faultlab.proxy.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code faultlab lab}: Mosquitto and Prometheus from Debian packages next to the proxy, started and
 * stopped as child processes, and a clear error when a program is missing.
 */
class NativeLabTest {
    @TempDir
    Path dir;

    @Test
    void proxyReachesMosquittoAndPrometheusScrapesItUntilClosed() throws Exception {
        NativeLab.Options options = options(0, null);
        NativeLab lab = NativeLab.start(options);
        int broker = lab.brokerPort();
        int prometheusPort = lab.prometheusPort();
        Path folder = lab.folder();
        try {
            HostPort proxy = HostPort.parse(lab.lab().proxyAddress());
            Mqtt3BlockingClient client = Mqtt3Client.builder().identifier("native-lab")
                    .serverHost(proxy.host()).serverPort(proxy.port()).buildBlocking();
            assertThat(client.connect().getReturnCode().isError()).isFalse();
            client.disconnect();
            assertThat(lab.lab().upstream()).isEqualTo("127.0.0.1:" + broker);

            PrometheusApi prometheus = new PrometheusApi(prometheusPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> prometheus.everyTargetScrapedAfter(Instant.EPOCH));
            assertThat(prometheus.jobs()).containsExactly("faultlab-proxy");

            String screen = NativeLabScreen.render(lab);
            assertThat(screen).contains("broker       127.0.0.1:" + broker,
                    "Prometheus   http://127.0.0.1:" + prometheusPort + "  (scrapes the proxy every 1 s)",
                    "FAULTLAB_PROMETHEUS_URL=http://127.0.0.1:" + prometheusPort,
                    "GF_PATHS_PROVISIONING=" + Repository.root().resolve("grafana/provisioning"),
                    "FAULTLAB_DASHBOARDS=" + Repository.dashboards())
                    .doesNotContain("devices      ");
        } finally {
            lab.close();
        }
        assertThat(accepts(broker)).as("mosquitto stopped").isFalse();
        assertThat(accepts(prometheusPort)).as("prometheus stopped").isFalse();
        assertThat(folder).doesNotExist();
    }

    @Test
    void aMissingProgramIsAClearErrorNamingItsPackageAndOption() {
        Path missing = dir.resolve("mosquitto");
        assertThatThrownBy(() -> NativeLab.start(options(0, missing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("--mosquitto " + missing + ": not an executable file");
        assertThatThrownBy(() -> Executables.find("faultlab-no-such-program", null,
                "faultlab-package", "--program"))
                .hasMessageContaining("faultlab-no-such-program not found on PATH")
                .hasMessageContaining("apt-get install faultlab-package")
                .hasMessageContaining("--program");
    }

    @Test
    void aTakenPortStopsTheStartAndWhatStartedBeforeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NativeLab.Options options = new NativeLab.Options(HostPort.parse("127.0.0.1:0"),
                    HostPort.parse("127.0.0.1:0"), 0, taken.getLocalPort(), Duration.ofSeconds(1), 0, "compressed",
                    null, null,
                ProxyServer.Settings.defaults(0));
            long labFolders = labFolders();
            long children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
            assertThatThrownBy(() -> NativeLab.start(options))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("prometheus: port " + taken.getLocalPort() + " on 127.0.0.1 is taken");
            assertThat(labFolders()).as("the lab's temporary folder is removed").isEqualTo(labFolders);
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                    .as("mosquitto, started before, is stopped").isEqualTo(children);
        }
    }

    @Test
    void optionsDefaultToTheLabPortsAndNoDevices() {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine()
                .parseArgs("lab", "--devices", "3", "--preset", "compressed", "--scrape-interval", "2");
        NativeLab.Options options = ((LabCommand) parsed.subcommand().commandSpec().userObject()).options();
        assertThat(options.listen()).isEqualTo(HostPort.parse("127.0.0.1:1883"));
        assertThat(options.api()).isEqualTo(HostPort.parse("127.0.0.1:8474"));
        assertThat(options.prometheusPort()).isEqualTo(9090);
        assertThat(options.brokerPort()).isZero();
        assertThat(options.scrapeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.devices()).isEqualTo(3);
        assertThat(options.preset()).isEqualTo("compressed");
        assertThat(options.mosquittoBinary()).isNull();
    }

    private static NativeLab.Options options(int devices, Path mosquitto) {
        return new NativeLab.Options(HostPort.parse("127.0.0.1:0"), HostPort.parse("127.0.0.1:0"), 0, 0,
                Duration.ofSeconds(1), devices, "compressed", mosquitto, null,
                ProxyServer.Settings.defaults(0));
    }

    private static long labFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("faultlab-lab")).count();
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
