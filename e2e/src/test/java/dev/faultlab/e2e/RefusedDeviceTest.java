package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.events.PacketEvent;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 4, the CONNACK refusal on the wire: a Mosquitto that refuses anonymous clients (a password
 * file, {@code allow_anonymous false}) makes an emulated device without the right credentials raise
 * ERROR CONNECTION_REFUSED with the broker's code and retry every R to 1.5·R, forever; the right
 * credentials connect. Mosquitto 2.0 answers a missing and a wrong password alike: not authorized
 * (5 in 3.1.1, 0x87 in 5).
 */
class RefusedDeviceTest {
    private static final Timings T = Timings.COMPRESSED;
    private static final String USER = "esp";
    private static final String PASSWORD = "secret";
    private static Mosquitto mosquitto;

    private final EventLog events = new EventLog();
    private EmulatedDevices devices;

    @BeforeAll
    static void startBroker() {
        mosquitto = Mosquitto.withUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        mosquitto.close();
    }

    @BeforeEach
    void start() {
        devices = new EmulatedDevices(events, mosquitto.address());
    }

    @AfterEach
    void stop() {
        devices.close();
    }

    @ParameterizedTest(name = "{0} with password \"{1}\": code {2}")
    @CsvSource({"MQTT_3_1_1, '', 5", "MQTT_5, '', 135", "MQTT_3_1_1, wrong, 5", "MQTT_5, wrong, 135"})
    void aRefusedDeviceRaisesTheCodeAndRetriesEveryReconnectDelay(MqttVersion protocol, String password, int code) {
        String id = "emu-refused-" + protocol + "-" + password;
        EmulatedDevices.Probe device = devices.start(id,
                c -> password.isEmpty() ? c.protocol(protocol) : c.protocol(protocol).credentials(USER, password));

        await().atMost(EventLog.WAIT).until(() -> events.of(PacketEvent.Connack.class, c -> id.equals(c.clientId()))
                .size() >= 3);
        List<PacketEvent.Connack> refusals = events.of(PacketEvent.Connack.class, c -> id.equals(c.clientId()));
        assertThat(refusals).extracting(PacketEvent.Connack::code).containsOnly(code);
        List<PacketEvent.Connect> attempts = events.of(PacketEvent.Connect.class, c -> id.equals(c.clientId()));
        for (int i = 1; i < 3; i++) {
            assertThat(Duration.between(refusals.get(i - 1).time(), attempts.get(i).time()).toMillis())
                    .as("retry %d after the refusal", i).isBetween(T.reconnect() - 20, T.reconnect() * 3 / 2 + 400);
        }
        assertThat(device.of(EspEvent.Error.class)).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(e -> e.equals(new EspEvent.Error(EspEvent.ErrorType.CONNECTION_REFUSED, code)));
        assertThat(device.of(EspEvent.Connected.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void theRightCredentialsConnect(MqttVersion protocol) {
        String id = "emu-user-" + protocol;
        EmulatedDevices.Probe device = devices.start(id,
                c -> c.protocol(protocol).credentials(USER, PASSWORD)).connected();

        assertThat(device.of(EspEvent.Error.class)).isEmpty();
        assertThat(events.await(PacketEvent.Connect.class, c -> id.equals(c.clientId())).username()).isEqualTo(USER);
    }
}
