package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.net.HostPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code faultlab serve}: the API server alone, with a Toxiproxy startup configuration file. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void configFileProxiesExistAtStart() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("proxies.json");
            Files.writeString(config, """
                    [
                      {"name": "sensor", "listen": "127.0.0.1:0", "upstream": "127.0.0.1:%1$d"},
                      {"Name": "gateway", "Listen": "127.0.0.1:0", "Upstream": "127.0.0.1:%1$d",
                       "enabled": false, "comment": "ignored"}
                    ]
                    """.formatted(upstream.getLocalPort()));
            try (ProxyServer server = serve("--port", "0", "--config", config.toString(), "--seed", "3").start()) {
                JsonNode proxies = JSON.readTree(Http.get(server.apiPort(), "/proxies"));
                assertThat(proxies.fieldNames()).toIterable().containsExactly("gateway", "sensor");
                assertThat(proxies.path("sensor").path("enabled").asBoolean()).isTrue();
                assertThat(proxies.path("sensor").path("listen").asText())
                        .startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
                assertThat(proxies.path("gateway").path("enabled").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void aRefusedEntryStopsTheStartAndNamesTheFile() throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "[{\"name\": \"sensor\", \"listen\": \"127.0.0.1:0\"}]");
        ServeCommand serve = serve("--port", "0", "--config", config.toString());
        assertThatThrownBy(serve::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(config + ": missing required field: upstream at proxy 1");
    }

    @Test
    void journalGetsEveryEventOfAConnectionAsJsonLines() throws Exception {
        Path journal = dir.resolve("events.jsonl");
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (ProxyServer server = serve("--port", "0", "--journal", journal.toString()).start()) {
                sendPlainTcpThroughASensorProxy(server, upstream);
            }
            List<String> types = Files.readAllLines(journal).stream()
                    .map(line -> {
                        try {
                            return JSON.readTree(line).path("type").asText();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
            assertThat(types).startsWith("connection_opened").contains("raw").endsWith("connection_closed");
        }
    }

    @Test
    void captureWritesAPcapFilePerConnectionAndExportsItsDrops() throws Exception {
        Path captures = dir.resolve("captures");
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (ProxyServer server = serve("--port", "0", "--capture", captures.toString()).start()) {
                sendPlainTcpThroughASensorProxy(server, upstream);
                assertThat(Http.get(server.apiPort(), "/metrics"))
                        .contains("faultlab_capture_dropped_records_total 0.0");
            }
            try (Stream<Path> files = Files.list(captures)) {
                List<Path> pcaps = files.toList();
                assertThat(pcaps).hasSize(1);
                assertThat(pcaps.get(0).getFileName().toString()).matches("sensor-\\d+-tcp-\\d{8}T\\d{6}Z\\.pcap");
                assertThat(new String(Files.readAllBytes(pcaps.get(0)), StandardCharsets.ISO_8859_1))
                        .contains("not mqtt");
            }
        }
    }

    @Test
    void aCaptureDirectoryThatCannotBeWrittenStopsTheStart() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "in the way");
        ServeCommand serve = serve("--port", "0", "--capture", file.resolve("captures").toString());
        assertThatThrownBy(serve::start)
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("capture directory " + file.resolve("captures").toAbsolutePath()
                        + " is not writable");
    }

    @Test
    void upTakesTheCaptureDirectoryToo() {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine().parseArgs("up", "--capture", "pcaps");
        UpCommand up = (UpCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(up.options().settings().capture()).isEqualTo(Path.of("pcaps"));
    }

    @Test
    void defaultsAreToxiproxys() {
        ServeCommand serve = serve();
        assertThat(serve.host).isEqualTo("127.0.0.1");
        assertThat(serve.port).isEqualTo(8474);
        assertThat(serve.config).isNull();
        assertThat(serve.proxy.journal).isNull();
        assertThat(serve.proxy.capture).isNull();
    }

    @Test
    void aBadAddressIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine command = FaultlabCommand.commandLine()
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(command.execute("up", "--listen", "nowhere")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("address nowhere: missing port");
    }

    private static ServeCommand serve(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine().parseArgs(all);
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    /** A proxy "sensor" in front of {@code upstream}; "not mqtt" sent through it and received; both closed. */
    private static void sendPlainTcpThroughASensorProxy(ProxyServer server, ServerSocket upstream) throws IOException {
        ProxyState proxy = server.registry().create(new ProxyRequest("sensor", "127.0.0.1:0",
                "127.0.0.1:" + upstream.getLocalPort(), true));
        HostPort listen = HostPort.parse(proxy.listen());
        try (Socket client = new Socket(listen.host(), listen.port());
             Socket accepted = upstream.accept()) {
            client.getOutputStream().write("not mqtt".getBytes(StandardCharsets.UTF_8));
            assertThat(accepted.getInputStream().readNBytes(8)).hasSize(8);
        }
    }
}
