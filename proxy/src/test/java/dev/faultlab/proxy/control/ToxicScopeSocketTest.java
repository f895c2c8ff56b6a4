package dev.faultlab.proxy.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Toxic scopes on real connections: remote, client id, after and duration. */
class ToxicScopeSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private EchoServer echo;
    private ProxyFixture fixture;
    private ProxyRegistry registry;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        fixture = new ProxyFixture();
        registry = fixture.registry();
        fixture.proxy("scoped", echo.address());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        echo.close();
    }

    @Test
    void aRemoteScopeAppliesOnlyToClientsFromThatBlock() throws Exception {
        addCut("elsewhere", Map.of("remote", "192.0.2.0/24"));
        assertThat(echoes()).as("a client from 127.0.0.1 is out of 192.0.2.0/24").isTrue();
        registry.removeToxic("scoped", "elsewhere");
        addCut("here", Map.of("remote", "127.0.0.0/8"));
        assertThat(echoes()).as("a client from 127.0.0.1 is in 127.0.0.0/8").isFalse();
    }

    @Test
    void aClientIdScopeAppliesFromTheMatchingConnect() throws Exception {
        addCut("esp-only", Map.of("client_id", "ESP32_*"));
        try (Socket other = fixture.connect(registry.get("scoped"));
             Socket esp = fixture.connect(registry.get("scoped"))) {
            exchange(other, connect("laptop"));
            assertThat(activeToxics("laptop")).isEmpty();
            esp.getOutputStream().write(connect("ESP32_1a2B3C"));
            assertThat(esp.getInputStream().read()).as("the CONNECT itself meets the cut").isEqualTo(-1);
            exchange(other, new byte[] {(byte) 0xC0, 0});
        }
    }

    @Test
    void afterDelaysTheStartAndDurationEndsTheToxic() throws Exception {
        addCut("later", Map.of("after", 300, "duration", 400));
        assertThat(registry.attributes(registry.toxic("scoped", "later")))
                .containsEntry("after", 300L).containsEntry("duration", 400L);
        try (Socket socket = fixture.connect(registry.get("scoped"))) {
            exchange(socket, "early".getBytes(StandardCharsets.US_ASCII));
            await().atMost(WAIT).until(() -> registry.connections("scoped").stream()
                    .anyMatch(c -> c.activeToxics().contains("later")));
            socket.getOutputStream().write('x');
            assertThat(socket.getInputStream().read()).as("the toxic applies after 300 ms").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> registry.toxics("scoped").isEmpty());
        assertThat(echoes()).isTrue();
    }

    @Test
    void badScopeValuesAreBadRequests() {
        assertThatThrownBy(() -> addCut("bad", Map.of("remote", "somewhere")))
                .isInstanceOf(ApiException.class).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> addCut("bad", Map.of("duration", -5)))
                .isInstanceOf(ApiException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> addCut("bad", Map.of("client_id", 7)))
                .isInstanceOf(ApiException.class).hasMessageContaining("client_id must be a string");
    }

    /** A limit_data of 0 bytes: the first byte that reaches it closes the connection. */
    private void addCut(String name, Map<String, Object> scope) {
        Map<String, Object> attributes = new HashMap<>(scope);
        attributes.put("bytes", 0);
        registry.addToxic("scoped", new ToxicRequest(name, "limit_data", "upstream", null, attributes));
    }

    private boolean echoes() throws Exception {
        try (Socket socket = fixture.connect(registry.get("scoped"))) {
            socket.getOutputStream().write('x');
            return socket.getInputStream().read() == 'x';
        }
    }

    private List<String> activeToxics(String clientId) {
        return registry.connections("scoped").stream()
                .filter(c -> clientId.equals(c.session().state().clientId()))
                .findFirst().map(Connection::activeToxics).orElseThrow();
    }

    private static void exchange(Socket socket, byte[] bytes) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(bytes);
        assertThat(in.readNBytes(bytes.length)).isEqualTo(bytes);
    }

    /** An MQTT 3.1.1 CONNECT with {@code clientId}, clean session, keepalive 60 s. */
    private static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[14 + id.length];
        byte[] head = {0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length};
        System.arraycopy(head, 0, packet, 0, head.length);
        System.arraycopy(id, 0, packet, head.length, id.length);
        return packet;
    }
}
