package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.broker.EmbeddedBroker;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Devices on real sockets (one shared event loop) against the embedded HiveMQ broker: a QoS 1 round
 * trip between two devices, MQTT 3.1, 3.1.1 and 5 (with session expiry, receive maximum, will
 * delay), and the will (issue 4, item 9): a bare close leaves it to the broker,
 * {@code stop()} sends DISCONNECT and it never arrives.
 */
class WireTest {
    private static EmbeddedBroker broker;
    private static EventLoops loops;
    private final List<Device> devices = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
        loops = EventLoops.create(1);
    }

    @AfterAll
    static void stopBroker() {
        loops.close();
        broker.close();
    }

    @AfterEach
    void stopDevices() {
        devices.forEach(Device::stop);
    }

    /** A started device and the events it raised. */
    private record Probe(Device device, List<EspEvent> events) {
        List<EspEvent.Data> data() {
            return events.stream().filter(e -> e instanceof EspEvent.Data).map(e -> (EspEvent.Data) e).toList();
        }

        boolean saw(EspEvent event) {
            return events.contains(event);
        }
    }

    private Probe start(long seed, UnaryOperator<DeviceConfig.Builder> configure) {
        NettyTransport transport = loops.nextTransport();
        DeviceConfig config = configure.apply(DeviceConfig.builder(broker.host(), broker.port(), seed)
                .timings(Timings.COMPRESSED)).build();
        Device device = new Device(config, transport.scheduler(), transport, new SplittableRandom(seed),
                EspLog.Sink.slf4j());
        List<EspEvent> events = new CopyOnWriteArrayList<>();
        device.addListener((d, event) -> events.add(event));
        devices.add(device);
        device.start();
        await().until(device::state, DeviceState.CONNECTED::equals);
        return new Probe(device, events);
    }

    private Probe watcher(long seed, String filter) {
        Probe watcher = start(seed, c -> c.subscriptions(List.of(new Subscription(filter, 1))));
        await().until(() -> watcher.events().stream().anyMatch(e -> e instanceof EspEvent.Subscribed));
        return watcher;
    }

    @Test
    void qos1RoundTripBetweenTwoDevices() {
        Probe subscriber = watcher(1, "lab/+/temp");
        Probe publisher = start(2, c -> c);

        int id = publisher.device().publish("lab/esp/temp", "21.5".getBytes(StandardCharsets.UTF_8), 1, false)
                .join();

        await().until(() -> publisher.saw(new EspEvent.Published(id)));
        await().until(() -> !subscriber.data().isEmpty());
        EspEvent.Data data = subscriber.data().get(0);
        assertThat(data.topic()).isEqualTo("lab/esp/temp");
        assertThat(data.payloadText()).isEqualTo("21.5");
        assertThat(publisher.device().outboxSize()).isZero();
        assertThat(publisher.device().clientId()).matches("ESP32_[0-9a-f]{2}[0-9A-F]{4}");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1", "MQTT_3_1_1", "MQTT_5"})
    void everyProtocolConnectsPublishesAndLeavesItsWill(MqttVersion protocol) {
        String topic = "will/" + protocol;
        Probe watcher = watcher(6, topic);
        Probe device = start(7, c -> c.protocol(protocol).sessionExpiry(0).receiveMaximum(10)
                .will(new Will(topic, new byte[] {1}, 1, false, 0)));

        int id = device.device().publish(topic, new byte[] {2}, 1, false).join();
        await().until(() -> device.saw(new EspEvent.Published(id)));
        device.device().abortConnection();

        await().until(() -> watcher.data().size() == 2);
        assertThat(watcher.data()).extracting(d -> d.payload()[0]).containsExactly((byte) 2, (byte) 1);
    }

    @Test
    void bareCloseLeavesTheWillAndStopDoesNot() {
        Probe watcher = watcher(3, "will/#");
        Probe polite = start(4, c -> c.will(Will.of("will/polite", "gone", 1, false)));
        Probe crashed = start(5, c -> c.will(Will.of("will/crashed", "gone", 1, false)).autoReconnect(false));

        polite.device().stop();
        await().until(polite.device()::state, DeviceState.DISCONNECTED::equals);
        crashed.device().abortConnection();

        await().until(() -> watcher.data().stream().anyMatch(d -> d.topic().equals("will/crashed")));
        assertThat(watcher.data()).extracting(EspEvent.Data::topic).containsExactly("will/crashed");
        assertThat(watcher.data().get(0).payloadText()).isEqualTo("gone");
        assertThat(crashed.events()).endsWith(new EspEvent.Disconnected());
        assertThat(crashed.device().state()).isEqualTo(DeviceState.WAIT_RECONNECT);
    }
}
