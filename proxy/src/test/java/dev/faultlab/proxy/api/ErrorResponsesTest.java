package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.testing.EchoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the contract's error table, over raw HTTP: status, message, JSON shape. */
class ErrorResponsesTest {
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
    void malformedBodyIsABadRequest() {
        ApiTestServer.Reply reply = server.post("/proxies", "{\"name\": ");

        assertError(reply, 400);
        assertThat(reply.json().get("error").asText()).startsWith("bad request body: ");
    }

    @Test
    void emptyBodyIsABadRequestEof() {
        assertErrorContaining(server.post("/proxies", ""), 400, "bad request body", "EOF");
        assertErrorContaining(server.post("/proxies", "  \n"), 400, "bad request body", "EOF");
        createProxy("mqtt");
        assertErrorContaining(server.post("/proxies/mqtt", ""), 400, "bad request body", "EOF");
        assertErrorContaining(server.post("/proxies/mqtt/toxics", ""), 400, "bad request body", "EOF");
        assertErrorContaining(server.post("/populate", ""), 400, "bad request body", "EOF");
    }

    @Test
    void wronglyTypedFieldIsABadRequest() {
        ApiTestServer.Reply reply = server.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":[1,2]}");

        assertError(reply, 400);
        assertThat(reply.json().get("error").asText()).startsWith("bad request body: ");
    }

    @Test
    void missingRequiredFields() {
        assertErrorMessage(server.post("/proxies", "{\"upstream\":\"" + echo.address() + "\"}"),
                400, "missing required field: name");
        assertErrorMessage(server.post("/proxies", "{\"name\":\"mqtt\"}"),
                400, "missing required field: upstream");
        assertErrorMessage(server.post("/populate",
                        "[{\"name\":\"a\",\"upstream\":\"" + echo.address() + "\"},{\"name\":\"b\"}]"),
                400, "missing required field: upstream at proxy 2");
        assertErrorMessage(server.post("/populate", "[{\"upstream\":\"" + echo.address() + "\"}]"),
                400, "missing required field: name at proxy 1");
    }

    @Test
    void proxyNotFound() {
        assertErrorMessage(server.get("/proxies/nope"), 404, "proxy not found");
        assertErrorMessage(server.post("/proxies/nope", "{\"enabled\":false}"), 404, "proxy not found");
        assertErrorMessage(server.delete("/proxies/nope"), 404, "proxy not found");
        assertErrorMessage(server.get("/proxies/nope/toxics"), 404, "proxy not found");
        assertErrorMessage(server.post("/proxies/nope/toxics", "{\"type\":\"noop\"}"), 404, "proxy not found");
        assertErrorMessage(server.get("/proxies/nope/toxics/t"), 404, "proxy not found");
        assertErrorMessage(server.delete("/proxies/nope/toxics/t"), 404, "proxy not found");
    }

    @Test
    void proxyAlreadyExists() {
        createProxy("mqtt");

        assertErrorMessage(server.post("/proxies", proxyJson("mqtt")), 409, "proxy already exists");
    }

    @Test
    void invalidStream() {
        createProxy("mqtt");

        assertErrorMessage(server.post("/proxies/mqtt/toxics", "{\"type\":\"noop\",\"stream\":\"sideways\"}"),
                400, "stream was invalid, can be either upstream or downstream");
    }

    @Test
    void invalidToxicType() {
        createProxy("mqtt");

        assertErrorMessage(server.post("/proxies/mqtt/toxics", "{\"type\":\"teleport\"}"), 400, "invalid toxic type");
        assertErrorMessage(server.post("/proxies/mqtt/toxics", "{\"name\":\"untyped\"}"), 400, "invalid toxic type");
    }

    @Test
    void toxicAlreadyExistsInEitherStream() {
        createProxy("mqtt");
        assertThat(server.post("/proxies/mqtt/toxics", "{\"name\":\"t\",\"type\":\"noop\",\"stream\":\"upstream\"}")
                .status()).isEqualTo(200);

        assertErrorMessage(server.post("/proxies/mqtt/toxics", "{\"name\":\"t\",\"type\":\"noop\",\"stream\":\"upstream\"}"),
                409, "toxic already exists");
        assertErrorMessage(server.post("/proxies/mqtt/toxics", "{\"name\":\"t\",\"type\":\"noop\"}"),
                409, "toxic already exists");
    }

    @Test
    void toxicNotFound() {
        createProxy("mqtt");

        assertErrorMessage(server.get("/proxies/mqtt/toxics/t"), 404, "toxic not found");
        assertErrorMessage(server.post("/proxies/mqtt/toxics/t", "{\"toxicity\":0.5}"), 404, "toxic not found");
        assertErrorMessage(server.delete("/proxies/mqtt/toxics/t"), 404, "toxic not found");
    }

    @Test
    void bindFailureIsAServerErrorAndStoresNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            ApiTestServer.Reply reply = server.post("/proxies",
                    "{\"name\":\"mqtt\",\"listen\":\"" + listen + "\",\"upstream\":\"" + echo.address() + "\"}");

            assertError(reply, 500);
            assertThat(reply.json().get("error").asText()).containsIgnoringCase("address already in use");
            assertErrorMessage(server.get("/proxies/mqtt"), 404, "proxy not found");
        }
    }

    @Test
    void unknownRouteIsAJsonNotFound() {
        assertErrorMessage(server.get("/nothing/here"), 404, "not found");
        assertErrorMessage(server.get("/proxies/a/b"), 404, "not found");
        assertErrorMessage(server.get("/proxies/"), 404, "not found");
    }

    @Test
    void wrongMethodIsAJsonMethodNotAllowed() {
        ApiTestServer.Reply reply = server.send("PUT", "/proxies", "{}");

        assertErrorMessage(reply, 405, "method not allowed");
        assertThat(reply.allow()).isEqualTo("GET, POST");
        assertThat(server.delete("/reset").allow()).isEqualTo("POST");
        assertThat(server.post("/version", "{}").status()).isEqualTo(405);
    }

    private void createProxy(String name) {
        assertThat(server.post("/proxies", proxyJson(name)).status()).isEqualTo(201);
    }

    private String proxyJson(String name) {
        return "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}";
    }

    static void assertError(ApiTestServer.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode json = reply.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("error").isTextual()).isTrue();
    }

    static void assertErrorMessage(ApiTestServer.Reply reply, int status, String message) {
        assertError(reply, status);
        assertThat(reply.body()).isEqualTo("{\"error\":\"" + message + "\",\"status\":" + status + "}");
    }

    private static void assertErrorContaining(ApiTestServer.Reply reply, int status, String... parts) {
        assertError(reply, status);
        assertThat(reply.json().get("error").asText()).contains(parts);
    }
}
