package dev.faultlab.proxy.api;

import static dev.faultlab.proxy.api.ApiTestServer.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.testing.EchoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How requests are read and answers shaped, over raw HTTP: raw bodies whatever the Content-Type,
 * case-insensitive keys, unknown fields ignored, PATCH as POST, status codes and JSON shapes.
 */
class RequestParsingTest {
    private ApiTestServer server;
    private EchoServer echo;

    @BeforeEach
    void start() throws IOException {
        server = new ApiTestServer();
        echo = new EchoServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void createAnswers201WithTheProxyShape() {
        ApiTestServer.Reply reply = server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(fieldNames(reply.json())).containsExactly("name", "listen", "upstream", "enabled", "toxics");
        assertThat(reply.json().get("enabled").asBoolean()).isTrue();
        assertThat(reply.json().get("toxics").isArray()).isTrue();
    }

    @Test
    void localhostPortZeroIsAnsweredWithTheBoundAddress() throws IOException {
        ApiTestServer.Reply reply = server.post("/proxies", proxyJson("mqtt", "localhost:0"));

        String listen = reply.json().get("listen").asText();
        assertThat(listen).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(server.get("/proxies/mqtt").json().get("listen").asText()).isEqualTo(listen);
        assertThat(roundTrip(listen, "bound")).isEqualTo("bound");
    }

    @Test
    void proxyCreatedDisabledShowsListenAsGiven() {
        ApiTestServer.Reply reply = server.post("/proxies",
                "{\"name\":\"mqtt\",\"listen\":\"localhost:0\",\"upstream\":\"" + echo.address()
                        + "\",\"enabled\":false}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("listen").asText()).isEqualTo("localhost:0");
        assertThat(reply.json().get("enabled").asBoolean()).isFalse();
        assertThat(server.get("/proxies/mqtt").json().get("listen").asText()).isEqualTo("localhost:0");
    }

    @Test
    void contentTypeIsNeverChecked() {
        ApiTestServer.Reply plain = server.send("POST", "/proxies", proxyJson("plain", "127.0.0.1:0"),
                "Content-Type", "text/plain");
        ApiTestServer.Reply form = server.send("POST", "/proxies", proxyJson("form", "127.0.0.1:0"),
                "Content-Type", "application/x-www-form-urlencoded");
        ApiTestServer.Reply none = server.post("/proxies", proxyJson("none", "127.0.0.1:0"));

        assertThat(List.of(plain.status(), form.status(), none.status())).containsOnly(201);
        assertThat(server.send("POST", "/proxies/form/toxics", "{\"type\":\"noop\"}",
                "Content-Type", "application/x-www-form-urlencoded").status()).isEqualTo(200);
    }

    @Test
    void keysAreCaseInsensitive() {
        ApiTestServer.Reply created = server.post("/proxies",
                "{\"NAME\":\"mqtt\",\"Listen\":\"127.0.0.1:0\",\"UpStream\":\"" + echo.address() + "\",\"ENABLED\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo("mqtt");
        assertThat(created.json().get("upstream").asText()).isEqualTo(echo.address());

        ApiTestServer.Reply toxic = server.post("/proxies/mqtt/toxics",
                "{\"Name\":\"t\",\"TYPE\":\"noop\",\"Stream\":\"UpStream\",\"Toxicity\":0.5,\"Attributes\":{}}");
        assertThat(toxic.status()).as(toxic.body()).isEqualTo(200);
        assertThat(toxic.json().get("stream").asText()).isEqualTo("upstream");
        assertThat(toxic.json().get("toxicity").asDouble()).isEqualTo(0.5);

        assertThat(server.post("/proxies/mqtt", "{\"Enabled\":false}").json().get("enabled").asBoolean()).isFalse();
    }

    @Test
    void unknownFieldsAreIgnored() {
        ApiTestServer.Reply created = server.post("/proxies",
                "{\"name\":\"mqtt\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
                        + "\",\"colour\":\"blue\",\"nested\":{\"a\":[1,2]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        ApiTestServer.Reply toxic = server.post("/proxies/mqtt/toxics",
                "{\"type\":\"noop\",\"extra\":true,\"attributes\":{\"unknown\":3}}");
        assertThat(toxic.status()).as(toxic.body()).isEqualTo(200);
    }

    @Test
    void patchUpdatesAProxyLikePost() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));

        ApiTestServer.Reply patched = server.patch("/proxies/mqtt", "{\"enabled\":false}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("enabled").asBoolean()).isFalse();
        assertThat(patched.json().get("listen").asText()).isEqualTo("127.0.0.1:0");

        ApiTestServer.Reply posted = server.post("/proxies/mqtt", "{\"enabled\":true}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().get("enabled").asBoolean()).isTrue();

        ApiTestServer.Reply renamed = server.patch("/proxies/mqtt", "{\"name\":\"other\"}");
        assertThat(renamed.json().get("name").asText()).isEqualTo("mqtt");
        assertThat(renamed.json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void patchUpdatesAToxicLikePost() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));
        server.post("/proxies/mqtt/toxics", "{\"name\":\"t\",\"type\":\"noop\"}");

        ApiTestServer.Reply patched = server.patch("/proxies/mqtt/toxics/t",
                "{\"toxicity\":0.25,\"name\":\"ignored\",\"type\":\"ignored\",\"stream\":\"upstream\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("toxicity").asDouble()).isEqualTo(0.25);
        assertThat(patched.json().get("name").asText()).isEqualTo("t");
        assertThat(patched.json().get("type").asText()).isEqualTo("noop");
        assertThat(patched.json().get("stream").asText()).isEqualTo("downstream");

        ApiTestServer.Reply posted = server.post("/proxies/mqtt/toxics/t", "{\"toxicity\":0.75}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.json().get("toxicity").asDouble()).isEqualTo(0.75);
        assertThat(server.get("/proxies/mqtt/toxics/t").json().get("toxicity").asDouble()).isEqualTo(0.75);
    }

    @Test
    void toxicDefaultsAndShape() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));

        ApiTestServer.Reply created = server.post("/proxies/mqtt/toxics", "{\"type\":\"noop\"}");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEqualTo(
                "{\"attributes\":{},\"name\":\"noop_downstream\",\"type\":\"noop\",\"stream\":\"downstream\",\"toxicity\":1.0}");
        assertThat(server.post("/proxies/mqtt/toxics", "{\"type\":\"noop\",\"stream\":\"upstream\"}")
                .json().get("name").asText()).isEqualTo("noop_upstream");
    }

    @Test
    void toxicsAreListedUpstreamFirstEachInInsertionOrder() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));
        for (String toxic : List.of("d1:downstream", "u1:upstream", "d2:downstream", "u2:upstream")) {
            String[] nameStream = toxic.split(":");
            server.post("/proxies/mqtt/toxics",
                    "{\"name\":\"" + nameStream[0] + "\",\"type\":\"noop\",\"stream\":\"" + nameStream[1] + "\"}");
        }

        ApiTestServer.Reply listed = server.get("/proxies/mqtt/toxics");

        assertThat(listed.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        listed.json().forEach(toxic -> names.add(toxic.get("name").asText()));
        assertThat(names).containsExactly("u1", "u2", "d1", "d2");
        assertThat(server.get("/proxies/mqtt").json().get("toxics")).hasSize(4);
    }

    @Test
    void listIsAnObjectKeyedByNameInOrder() {
        for (String name : List.of("zeta", "alpha", "mid")) {
            server.post("/proxies", proxyJson(name, "127.0.0.1:0"));
        }

        ApiTestServer.Reply listed = server.get("/proxies");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(fieldNames(listed.json())).containsExactly("alpha", "mid", "zeta");
        assertThat(listed.json().get("mid").get("name").asText()).isEqualTo("mid");
    }

    @Test
    void emptyListIsAnEmptyObject() {
        assertThat(server.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    void deletesAndResetAnswer204WithoutBody() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));
        server.post("/proxies/mqtt/toxics", "{\"name\":\"t\",\"type\":\"noop\"}");

        ApiTestServer.Reply toxicDeleted = server.delete("/proxies/mqtt/toxics/t");
        ApiTestServer.Reply reset = server.post("/reset", null);
        ApiTestServer.Reply proxyDeleted = server.delete("/proxies/mqtt");

        assertThat(List.of(toxicDeleted, reset, proxyDeleted)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(204);
            assertThat(reply.body()).isEmpty();
        });
        assertThat(server.get("/proxies").body()).isEqualTo("{}");
    }

    @Test
    void resetReenablesAndClearsToxics() {
        server.post("/proxies", proxyJson("mqtt", "127.0.0.1:0"));
        server.post("/proxies/mqtt/toxics", "{\"type\":\"noop\"}");
        server.post("/proxies/mqtt", "{\"enabled\":false}");

        assertThat(server.post("/reset", "").status()).isEqualTo(204);

        JsonNode proxy = server.get("/proxies/mqtt").json();
        assertThat(proxy.get("enabled").asBoolean()).isTrue();
        assertThat(proxy.get("toxics")).isEmpty();
    }

    @Test
    void version() {
        ApiTestServer.Reply reply = server.get("/version");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).isEqualTo("{\"version\":\"" + ApiTestServer.VERSION + "\"}");
    }

    private String proxyJson(String name, String listen) {
        return "{\"name\":\"" + name + "\",\"listen\":\"" + listen + "\",\"upstream\":\"" + echo.address() + "\"}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
