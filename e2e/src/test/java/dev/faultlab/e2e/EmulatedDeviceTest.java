package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.Timings;
import dev.faultlab.emulator.Will;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.CloseCause;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4 on the wire: emulated ESP devices (compressed timings) through the proxy to Mosquitto and
 * to the embedded HiveMQ broker, for MQTT 3.1.1 and 5, observed by the proxy's packet events.
 * PINGREQ K/2 after each PINGRESP, a reconnect R to 1.5·R after a cut, the unacknowledged QoS 1
 * message re-sent with DUP on the new connection, the will after a silent abort and none after
 * {@code stop()} (unless MQTT 5 reason 0x04), the session kept or not as clean session and session
 * expiry say, a PUBLISH longer than the 1024-byte buffer in DATA parts, and the null client id
 * (assigned in 5, refused with 2 in 3.1.1 without clean session; with Mosquitto only).
 */
@ExtendWith(SharedBrokers.class)
class EmulatedDeviceTest {
    private static final Timings T = Timings.COMPRESSED;
    /** Scheduling and loopback slack on top of the timer rules. */
    private static final long SLACK = 400;

    /** The brokers the devices reach through the proxy. */
    enum Broker { MOSQUITTO, EMBEDDED }

    private final EventLog events = new EventLog();
    private final Map<Broker, String> brokers = new EnumMap<>(Broker.class);
    private EmulatedDevices devices;

    @BeforeEach
    void brokers(Mosquitto mosquitto, EmbeddedBroker embedded) {
        brokers.put(Broker.MOSQUITTO, mosquitto.address());
        brokers.put(Broker.EMBEDDED, embedded.address());
    }

    @AfterEach
    void stop() {
        if (devices != null) {
            devices.close();
        }
    }

    static Stream<Arguments> brokersAndProtocols() {
        return Stream.of(Broker.values()).flatMap(broker -> Stream.of(MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)
                .map(protocol -> Arguments.of(broker, protocol)));
    }

    /** The test's devices go through a fresh proxy in front of {@code broker}. */
    private void proxyTo(Broker broker) {
        devices = new EmulatedDevices(events, brokers.get(broker));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("brokersAndProtocols")
    void pingreqGoesOutHalfAKeepaliveAfterEachPingresp(Broker broker, MqttVersion protocol) {
        proxyTo(broker);
        String id = "emu-ping-" + protocol;
        devices.start(id, c -> c.protocol(protocol)).connected();

        await().atMost(EventLog.WAIT).until(() -> events.of(PacketEvent.PingResponse.class, byClient(id)).size() >= 3);
        Instant connack = events.await(PacketEvent.Connack.class, byClient(id)).time();
        List<Instant> pings = times(events.of(PacketEvent.PingRequest.class, byClient(id)));
        List<Instant> answers = times(events.of(PacketEvent.PingResponse.class, byClient(id)));
        assertThat(millis(connack, pings.get(0))).as("first PINGREQ after CONNACK")
                .isBetween(T.keepalive() / 2 - 20, T.keepalive() / 2 + T.poll() + SLACK);
        for (int i = 1; i < 3; i++) {
            assertThat(millis(answers.get(i - 1), pings.get(i))).as("PINGREQ %d after the last PINGRESP", i)
                    .isBetween(T.keepalive() / 2 - 20, T.keepalive() / 2 + T.poll() + SLACK);
        }
        assertThat(events.of(PacketEvent.Connect.class, byClient(id))).as("one connection all along").hasSize(1);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("brokersAndProtocols")
    void aCutConnectionComesBackAfterTheReconnectDelay(Broker broker, MqttVersion protocol) {
        proxyTo(broker);
        String id = "emu-cut-" + protocol;
        EmulatedDevices.Probe device = devices.start(id, c -> c.protocol(protocol)).connected();

        ProxyConnections.of(devices.proxy(), "mqtt", id).closeAsync(CloseCause.API_CUT, false);
        ConnectionEvent.Closed cut = events.awaitClosed(id);
        PacketEvent.Connect again = events.await(PacketEvent.Connect.class,
                c -> id.equals(c.clientId()) && c.connection() != cut.connection());

        assertThat(millis(cut.time(), again.time())).as("reconnect delay")
                .isBetween(T.reconnect() - 20, T.reconnect() * 3 / 2 + SLACK);
        await().atMost(EventLog.WAIT).until(() -> device.of(EspEvent.Connected.class).size() == 2);
        assertThat(device.events()).containsSubsequence(new EspEvent.Connected(false),
                new EspEvent.Error(EspEvent.ErrorType.TCP_TRANSPORT, 0), new EspEvent.Disconnected(),
                new EspEvent.BeforeConnect(), new EspEvent.Connected(false));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("brokersAndProtocols")
    void anUnackedQos1MessageIsResentWithDupAfterTheReconnect(Broker broker, MqttVersion protocol) {
        proxyTo(broker);
        String id = "emu-dup-" + protocol;
        EmulatedDevices.Probe device = devices.start(id, c -> c.protocol(protocol)).connected();
        devices.proxy().toxic("mqtt", "stall_acks", "mqtt_hold", "downstream", Map.of("packets", List.of("PUBACK")));

        int msgId = device.device().publish("e2e/emu/dup/" + id, "21.5".getBytes(StandardCharsets.UTF_8), 1, false)
                .join();
        PacketEvent.Publish first = events.await(PacketEvent.Publish.class, p -> isPublish(p, id, msgId));
        ProxyConnections.of(devices.proxy(), "mqtt", id).closeAsync(CloseCause.API_CUT, false);
        events.awaitClosed(id);
        devices.proxy().registry().removeToxic("mqtt", "stall_acks");

        PacketEvent.Publish resent = events.await(PacketEvent.Publish.class,
                p -> isPublish(p, id, msgId) && p.connection() != first.connection());
        await().atMost(EventLog.WAIT).until(() -> device.events().contains(new EspEvent.Published(msgId)));
        assertThat(first.dup()).isFalse();
        assertThat(resent.dup()).as("re-sent on the new connection with DUP").isTrue();
        assertThat(device.of(EspEvent.Published.class)).as("PUBLISHED once").hasSize(1);
        assertThat(device.device().outboxSize()).isZero();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("brokersAndProtocols")
    void aSilentAbortLeavesTheWillAndStopDoesNot(Broker broker, MqttVersion protocol) {
        proxyTo(broker);
        String topic = "e2e/emu/will/" + protocol;
        EmulatedDevices.Probe watcher = devices.subscriber("emu-watch-" + protocol, topic + "/+");
        String polite = "emu-polite-" + protocol;
        String crashed = "emu-crashed-" + protocol;
        EmulatedDevices.Probe stopped = devices.start(polite,
                c -> c.protocol(protocol).will(Will.of(topic + "/polite", "gone", 1, false))).connected();
        EmulatedDevices.Probe aborted = devices.start(crashed,
                c -> c.protocol(protocol).will(Will.of(topic + "/crashed", "gone", 1, false)).autoReconnect(false))
                .connected();

        stopped.device().stop();
        events.await(PacketEvent.Disconnect.class, byClient(polite));
        events.awaitClosed(polite);
        aborted.device().abortConnection();

        await().atMost(EventLog.WAIT).until(() -> watcher.topicsReceived().contains(topic + "/crashed"));
        assertThat(watcher.topicsReceived()).containsExactly(topic + "/crashed");
        assertThat(events.of(PacketEvent.Disconnect.class, byClient(crashed))).as("a bare close").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aMqtt5StopWithReasonFourStillLeavesTheWill(Broker broker) {
        proxyTo(broker);
        String topic = "e2e/emu/will4";
        EmulatedDevices.Probe watcher = devices.subscriber("emu-watch-will4", topic);
        String id = "emu-will4";
        EmulatedDevices.Probe device = devices.start(id, c -> c.protocol(MqttVersion.MQTT_5)
                .disconnectWithWill(true).will(Will.of(topic, "gone", 1, false))).connected();

        device.device().stop();

        PacketEvent.Disconnect disconnect = events.await(PacketEvent.Disconnect.class, byClient(id));
        assertThat(disconnect.reasonCode()).isEqualTo(0x04);
        await().atMost(EventLog.WAIT).until(() -> watcher.topicsReceived().contains(topic));
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aPublishLongerThanTheBufferReachesTheDeviceInParts(Broker broker) {
        proxyTo(broker);
        String topic = "e2e/emu/large";
        EmulatedDevices.Probe receiver = devices.subscriber("emu-large-in", topic);
        EmulatedDevices.Probe sender = devices.start("emu-large-out", c -> c.bufferSize(4096)).connected();
        byte[] payload = new byte[3_000];
        Arrays.fill(payload, (byte) 'x');

        sender.device().publish(topic, payload, 1, false).join();

        await().atMost(EventLog.WAIT).until(() -> receiver.of(EspEvent.Data.class).size() == 3);
        List<EspEvent.Data> parts = receiver.of(EspEvent.Data.class);
        int headers = 1 + 2 + 2 + topic.length() + 2;
        assertThat(parts).extracting(EspEvent.Data::currentDataOffset).containsExactly(0, 1024 - headers, 2048 - headers);
        assertThat(parts).extracting(EspEvent.Data::totalDataLength).containsOnly(3_000);
        assertThat(parts).extracting(EspEvent.Data::topic).containsExactly(topic, "", "");
    }

    @Test
    void theNullClientIdGetsAnAssignedIdFromMosquittoInMqtt5() {
        proxyTo(Broker.MOSQUITTO);
        EmulatedDevices.Probe device = devices.start("", c -> c.protocol(MqttVersion.MQTT_5)).connected();

        PacketEvent.Connack connack = events.await(PacketEvent.Connack.class, c -> c.assignedClientId() != null
                && c.assignedClientId().equals(device.device().clientId()));
        assertThat(connack.assignedClientId()).startsWith("auto-");
        assertThat(events.of(PacketEvent.Connect.class, c -> c.connection() == connack.connection()))
                .extracting(PacketEvent.Connect::clientId).containsExactly("");
    }

    @ParameterizedTest(name = "{0}, {1}: clean session off, session expiry {2} s: session present {3}")
    @CsvSource({"MOSQUITTO, MQTT_3_1_1, -1, true", "MOSQUITTO, MQTT_5, 60, true", "MOSQUITTO, MQTT_5, 0, false",
            "EMBEDDED, MQTT_3_1_1, -1, true", "EMBEDDED, MQTT_5, 60, true", "EMBEDDED, MQTT_5, 0, false"})
    void theSessionSurvivesAStopAsCleanSessionAndSessionExpirySay(Broker broker, MqttVersion protocol, long expiry,
                                                                  boolean present) {
        proxyTo(broker);
        String id = "emu-session-" + protocol + "-" + expiry;
        EmulatedDevices.Probe device = devices.start(id,
                c -> c.protocol(protocol).cleanSession(false).sessionExpiry(expiry)).connected();
        device.device().stop();
        events.awaitClosed(id);

        device.device().start();
        await().atMost(EventLog.WAIT).until(() -> device.of(EspEvent.Connected.class).size() == 2);
        assertThat(device.of(EspEvent.Connected.class)).extracting(EspEvent.Connected::sessionPresent)
                .containsExactly(false, present);
        assertThat(events.of(PacketEvent.Connack.class, byClient(id))).extracting(PacketEvent.Connack::sessionPresent)
                .containsExactly(false, present);
    }

    @ParameterizedTest(name = "MQTT 3.1.1, null client id, clean session {0}: {1}")
    @CsvSource({"true, 0", "false, 2"})
    void theNullClientIdInMqtt311IsRefusedWithoutCleanSession(boolean cleanSession, int code) {
        proxyTo(Broker.MOSQUITTO);
        EmulatedDevices.Probe device = devices.start("", c -> c.cleanSession(cleanSession));

        await().atMost(EventLog.WAIT).until(() -> events.of(PacketEvent.Connack.class).size() >= (code == 0 ? 1 : 2));
        assertThat(events.of(PacketEvent.Connect.class)).extracting(PacketEvent.Connect::clientId).containsOnly("");
        assertThat(events.of(PacketEvent.Connack.class)).extracting(PacketEvent.Connack::code).containsOnly(code);
        if (code == 0) {
            device.connected();
        } else {
            assertThat(device.of(EspEvent.Error.class)).hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(e -> e.equals(new EspEvent.Error(EspEvent.ErrorType.CONNECTION_REFUSED, 2)));
        }
    }

    private static boolean isPublish(PacketEvent.Publish p, String id, int msgId) {
        return id.equals(p.clientId()) && p.direction().equals("upstream") && p.packetId() == msgId;
    }

    private static <T extends PacketEvent> Predicate<T> byClient(String id) {
        return e -> id.equals(e.clientId());
    }

    private static List<Instant> times(List<? extends PacketEvent> packets) {
        return packets.stream().map(PacketEvent::time).toList();
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
