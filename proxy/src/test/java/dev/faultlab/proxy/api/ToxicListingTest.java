package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.testing.EchoServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MQTT faults stay out of toxiproxy-java's listings, which only know Toxiproxy's types. */
class ToxicListingTest {
    private ApiTestServer server;
    private EchoServer echo;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ApiTestServer();
        echo = new EchoServer();
        client = new ToxiproxyClient("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void toxiproxyJavaListsOnlyTheStandardToxicsOfAProxyWithBoth() throws IOException {
        Proxy proxy = client.createProxy("mqtt", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        server.registry().addToxic("mqtt", new ToxicRequest("no_pings", "mqtt_drop", "downstream", null,
                Map.of("packets", List.of("PINGRESP"))));

        List<? extends Toxic> listed = proxy.toxics().getAll();

        assertThat(listed).extracting(Toxic::getName).containsExactly("slow");
        assertThat(client.getProxy("mqtt").getName()).isEqualTo("mqtt");
    }

    @Test
    void otherClientsSeeEveryToxic() {
        server.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"" + echo.address() + "\"}");
        server.post("/proxies/mqtt/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
        server.post("/proxies/mqtt/toxics", "{\"type\":\"mqtt_drop\",\"attributes\":{\"packets\":[\"PINGRESP\"]}}");

        assertThat(server.get("/proxies/mqtt/toxics").json()).extracting(node -> node.get("type").asText())
                .containsExactly("latency", "mqtt_drop");
        JsonNode javaView = server.send("GET", "/proxies/mqtt", null, "User-Agent", "Java/17.0.9").json();
        assertThat(javaView.get("toxics")).extracting(node -> node.get("type").asText()).containsExactly("latency");
        assertThat(server.send("GET", "/proxies/mqtt/toxics/mqtt_drop_downstream", null, "User-Agent", "Java/17")
                .status()).isEqualTo(200);
    }

    @Test
    void aFaultOnTheWrongStreamIsABadRequest() {
        server.post("/proxies", "{\"name\":\"mqtt\",\"upstream\":\"" + echo.address() + "\"}");
        ApiTestServer.Reply reply = server.post("/proxies/mqtt/toxics", "{\"type\":\"mqtt_connack\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).contains("upstream");
    }
}
