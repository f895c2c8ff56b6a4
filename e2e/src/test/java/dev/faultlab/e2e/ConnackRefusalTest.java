package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue item 3: {@code mqtt_connack} refuses a real client with exactly the configured code (5 on
 * 3.1.1, 0x87 on 5), and Mosquitto never sees the CONNECT. A sentinel connected straight to
 * Mosquitto under the same client id shows it: a CONNECT reaching the broker would take the
 * session over and disconnect the sentinel, as the same CONNECT does once the toxic is removed.
 */
class ConnackRefusalTest extends ProxiedMosquittoTest {
    static Stream<Arguments> clientsAndCodes() {
        return Stream.of(Arguments.of(TestClient.Kind.HIVEMQ_3, 5), Arguments.of(TestClient.Kind.PAHO_3, 5),
                Arguments.of(TestClient.Kind.HIVEMQ_5, 0x87));
    }

    @ParameterizedTest(name = "{0} refused with {1}")
    @MethodSource("clientsAndCodes")
    void theClientGetsExactlyTheCodeAndTheBrokerNeverSeesTheConnect(TestClient.Kind kind, int code)
            throws Exception {
        String id = "refused-" + kind.name().toLowerCase();
        String topic = "e2e/refused/" + id;
        HostPort listen = proxy.listen("mqtt");
        try (TestClient sentinel = TestClient.Kind.HIVEMQ_3.connect(mosquitto.host(), mosquitto.port(),
                TestClient.Options.of(id))) {
            sentinel.subscribe(topic, 1);
            proxy.toxic("mqtt", "refuse", "mqtt_connack", "upstream", Map.of("code", code));

            Throwable refused = catchThrowable(() -> kind.connect(listen.host(), listen.port(),
                    TestClient.Options.of(id)).close());
            assertThat(refusedCode(refused)).as("the code the client got").isEqualTo(code);
            ConnectionEvent.Closed closed = events.awaitClosed(id);
            assertThat(closed.toxic()).isEqualTo("refuse");

            byte[] alive = "alive".getBytes(StandardCharsets.UTF_8);
            sentinel.publish(topic, alive, 1);
            TestClient.Message echo = sentinel.received().poll(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(echo).as("the sentinel's own message").isNotNull();
            assertThat(echo.payload()).isEqualTo(alive);
            assertThat(sentinel.lost()).as("the sentinel's session was not taken over").isNotDone();

            proxy.registry().removeToxic("mqtt", "refuse");
            try (TestClient accepted = kind.connect(listen.host(), listen.port(), TestClient.Options.of(id))) {
                assertThat(sentinel.lost()).as("a CONNECT that reaches Mosquitto takes the session over")
                        .succeedsWithin(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                accepted.disconnect();
            }
        }
        assertThat(events.of(PacketEvent.Connack.class, c -> id.equals(c.clientId())))
                .extracting(PacketEvent.Connack::code).last().isEqualTo(0);
    }

    /** The CONNACK code a client library reports for a refused connection. */
    private static int refusedCode(Throwable thrown) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        if (cause instanceof Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode().getCode();
        }
        if (cause instanceof Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode().getCode();
        }
        if (cause instanceof MqttException e) {
            return e.getReasonCode();
        }
        throw new AssertionError("the connection was not refused with a CONNACK", thrown);
    }
}
