package dev.faultlab.proxy.api;

import static dev.faultlab.proxy.api.ApiTestServer.roundTrip;
import static dev.faultlab.proxy.api.ErrorResponsesTest.assertError;
import static dev.faultlab.proxy.api.ErrorResponsesTest.assertErrorMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.testing.EchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /populate}: validate all first, keep identical proxies, replace others, stop at a failure. */
class PopulateTest {
    private ApiTestServer server;
    private EchoServer echo;
    private EchoServer otherEcho;

    @BeforeEach
    void start() throws IOException {
        server = new ApiTestServer();
        echo = new EchoServer();
        otherEcho = new EchoServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
        otherEcho.close();
    }

    @Test
    void createsEveryProxyAndAnswersTheList() {
        ApiTestServer.Reply reply = server.post("/populate",
                "[" + entry("b", echo) + "," + entry("a", otherEcho) + "]");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode proxies = reply.json().get("proxies");
        assertThat(proxies).hasSize(2);
        assertThat(proxies.get(0).get("name").asText()).isEqualTo("b");
        assertThat(proxies.get(0).get("upstream").asText()).isEqualTo(echo.address());
        assertThat(proxies.get(0).get("listen").asText()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(proxies.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(proxies.get(0).get("toxics")).isEmpty();
        assertThat(proxies.get(1).get("name").asText()).isEqualTo("a");
        assertThat(reply.json().has("error")).isFalse();
        assertThat(server.registry().list()).hasSize(2);
    }

    @Test
    void emptyArrayCreatesNothing() {
        ApiTestServer.Reply reply = server.post("/populate", "[]");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("{\"proxies\":[]}");
    }

    @Test
    void validatesEveryEntryBeforeCreatingAny() {
        ApiTestServer.Reply reply = server.post("/populate",
                "[" + entry("a", echo) + ",{\"name\":\"b\",\"listen\":\"127.0.0.1:0\"}," + entry("c", echo) + "]");

        assertErrorMessage(reply, 400, "missing required field: upstream at proxy 2");
        assertThat(server.registry().list()).isEmpty();
    }

    @Test
    void objectBodyIsABadRequest() {
        ApiTestServer.Reply reply = server.post("/populate", "{\"proxies\":[" + entry("a", echo) + "]}");

        assertError(reply, 400);
        assertThat(reply.json().get("error").asText()).startsWith("bad request body: ");
        assertThat(server.registry().list()).isEmpty();
    }

    @Test
    void keepsAnIdenticalProxyUntouched() throws IOException {
        assertThat(server.post("/populate", "[" + entry("mqtt", echo) + "]").status()).isEqualTo(201);
        String listen = server.registry().get("mqtt").listen();
        assertThat(server.post("/proxies/mqtt/toxics", "{\"name\":\"kept\",\"type\":\"noop\"}").status())
                .isEqualTo(200);

        try (Socket open = connect(listen)) {
            assertThat(echoOver(open, "before")).isEqualTo("before");

            ApiTestServer.Reply reply = server.post("/populate", "[" + entry("mqtt", echo) + "]");

            assertThat(reply.status()).isEqualTo(201);
            JsonNode proxy = reply.json().get("proxies").get(0);
            assertThat(proxy.get("listen").asText()).isEqualTo(listen);
            assertThat(proxy.get("toxics").get(0).get("name").asText()).isEqualTo("kept");
            assertThat(echoOver(open, "still open")).isEqualTo("still open");
        }
    }

    @Test
    void keepsADisabledIdenticalProxyDisabled() {
        assertThat(server.post("/populate", "[" + entry("mqtt", echo) + "]").status()).isEqualTo(201);
        assertThat(server.patch("/proxies/mqtt", "{\"enabled\":false}").status()).isEqualTo(200);

        ApiTestServer.Reply reply = server.post("/populate", "[" + entry("mqtt", echo) + "]");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("proxies").get(0).get("enabled").asBoolean()).isFalse();
    }

    @Test
    void replacesADifferentProxy() throws IOException {
        assertThat(server.post("/populate", "[" + entry("mqtt", echo) + "]").status()).isEqualTo(201);
        assertThat(server.post("/proxies/mqtt/toxics", "{\"name\":\"dropped\",\"type\":\"noop\"}").status())
                .isEqualTo(200);

        ApiTestServer.Reply reply = server.post("/populate", "[" + entry("mqtt", otherEcho) + "]");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode proxy = reply.json().get("proxies").get(0);
        assertThat(proxy.get("upstream").asText()).isEqualTo(otherEcho.address());
        assertThat(proxy.get("toxics")).isEmpty();
        assertThat(roundTrip(proxy.get("listen").asText(), "new")).isEqualTo("new");
    }

    @Test
    void stopsAtTheFirstFailureKeepingWhatItMade() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String conflict = "{\"name\":\"b\",\"listen\":\"127.0.0.1:" + taken.getLocalPort()
                    + "\",\"upstream\":\"" + echo.address() + "\"}";

            ApiTestServer.Reply reply = server.post("/populate",
                    "[" + entry("a", echo) + "," + conflict + "," + entry("c", echo) + "]");

            assertError(reply, 500);
            assertThat(reply.body()).startsWith("{\"error\":");
            assertThat(reply.json().get("error").asText()).containsIgnoringCase("address already in use");
            JsonNode made = reply.json().get("proxies");
            assertThat(made).hasSize(1);
            assertThat(made.get(0).get("name").asText()).isEqualTo("a");
            assertThat(server.registry().list()).extracting(state -> state.name()).containsExactly("a");
        }
    }

    private static String entry(String name, EchoServer upstream) {
        return "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + upstream.address() + "\"}";
    }

    private static Socket connect(String listen) throws IOException {
        String[] hostPort = listen.split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String echoOver(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(text.length()), StandardCharsets.UTF_8);
    }
}
