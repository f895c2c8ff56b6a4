package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accept-and-hang field: set by create and update, shown only while on. */
class HangModeJsonTest {
    private ApiTestServer server;

    @BeforeEach
    void start() throws IOException {
        server = new ApiTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hangIsShownOnlyWhileOn() {
        assertThat(server.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"127.0.0.1:1\",\"hang\":true}").json()
                .get("hang").asBoolean()).isTrue();
        assertThat(server.patch("/proxies/mqtt", "{\"hang\":false}").json().has("hang")).isFalse();
        assertThat(server.patch("/proxies/mqtt", "{\"HANG\":true}").json().get("hang").asBoolean()).isTrue();
        assertThat(server.get("/proxies").json().get("mqtt").get("hang").asBoolean()).isTrue();
        server.post("/proxies", "{\"name\":\"plain\",\"upstream\":\"127.0.0.1:1\"}");
        assertThat(server.get("/proxies/plain").body()).doesNotContain("hang");
    }
}
