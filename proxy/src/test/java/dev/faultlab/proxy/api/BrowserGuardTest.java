package dev.faultlab.proxy.api;

import static dev.faultlab.proxy.api.ErrorResponsesTest.assertErrorMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Toxiproxy's CSRF guard: a {@code Mozilla/} User-Agent is refused with 403, unless opted out. */
class BrowserGuardTest {
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Test
    void browsersAreRefusedOnEveryRoute() throws IOException {
        try (ApiTestServer server = new ApiTestServer()) {
            assertErrorMessage(server.send("GET", "/version", null, "User-Agent", FIREFOX),
                    403, "User agent not allowed");
            assertErrorMessage(server.send("POST", "/proxies", "{\"name\":\"a\",\"upstream\":\"127.0.0.1:1\"}",
                    "User-Agent", FIREFOX), 403, "User agent not allowed");
            assertErrorMessage(server.send("GET", "/no/such/route", null, "User-Agent", FIREFOX),
                    403, "User agent not allowed");
            assertThat(server.registry().list()).isEmpty();
        }
    }

    @Test
    void otherAgentsAreServed() throws IOException {
        try (ApiTestServer server = new ApiTestServer()) {
            assertThat(server.send("GET", "/version", null, "User-Agent", "curl/8.5.0").status()).isEqualTo(200);
            assertThat(server.send("GET", "/version", null, "User-Agent", "Java/17").status()).isEqualTo(200);
            assertThat(server.send("GET", "/version", null, "User-Agent", "mozilla/5.0").status()).isEqualTo(200);
        }
    }

    @Test
    void browsersAreServedWhenAllowed() throws IOException {
        try (ApiTestServer server = new ApiTestServer(new ApiServer.Options(true, ApiTestServer.VERSION))) {
            ApiTestServer.Reply reply = server.send("GET", "/version", null, "User-Agent", FIREFOX);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("version").asText()).isEqualTo(ApiTestServer.VERSION);
        }
    }
}
