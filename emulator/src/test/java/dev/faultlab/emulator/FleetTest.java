package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.faultlab.broker.EmbeddedBroker;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fleet on two shared event loops against the embedded broker: everyone connects, publishes on its
 * own {@code {id}} topic, and {@code stop()} disconnects everyone with DISCONNECT (no will).
 */
class FleetTest {
    private static EmbeddedBroker broker;
    private static EventLoops loops;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start();
        loops = EventLoops.create(2);
    }

    @AfterAll
    static void stopBroker() {
        loops.close();
        broker.close();
    }

    @Test
    void fiftyDevicesConnectPublishOnTheirOwnTopicsAndStopWithoutWills() {
        List<EspEvent.Data> received = new CopyOnWriteArrayList<>();
        Device watcher = device(1, DeviceConfig.builder(broker.host(), broker.port(), 1)
                .timings(Timings.COMPRESSED).subscriptions(List.of(new Subscription("fleet/#", 1))).build());
        watcher.addListener((d, event) -> {
            if (event instanceof EspEvent.Data data) {
                received.add(data);
            }
        });
        List<EspEvent> watcherEvents = new CopyOnWriteArrayList<>();
        watcher.addListener((d, event) -> watcherEvents.add(event));
        watcher.start();
        await().until(() -> watcherEvents.stream().anyMatch(e -> e instanceof EspEvent.Subscribed));

        DeviceConfig template = DeviceConfig.builder(broker.host(), broker.port(), 0).timings(Timings.COMPRESSED)
                .will(Will.of("fleet/{id}/status", "offline", 1, false)).build();
        FleetConfig config = new FleetConfig(template, 50, null,
                PublishPlan.parse("fleet/{id}/temp@100:8", 1), 1_000, 42);
        Fleet fleet = new Fleet(config, loops, EspLog.Sink.slf4j());
        Set<String> connected = ConcurrentHashMap.newKeySet();
        fleet.addListener((device, event) -> {
            if (event instanceof EspEvent.Connected) {
                connected.add(device.clientId());
            }
        });
        fleet.start();

        await().until(() -> fleet.countsByState().get(DeviceState.CONNECTED) == 50);
        List<String> ids = fleet.devices().stream().map(Device::clientId).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("ESP32_[0-9a-f]{2}[0-9A-F]{4}"));
        assertThat(connected).containsExactlyInAnyOrderElementsOf(ids);
        Set<String> expectedTopics = Set.copyOf(ids.stream().map(id -> "fleet/" + id + "/temp").toList());
        await().until(() -> received.stream().map(EspEvent.Data::topic).distinct().count() == 50);
        assertThat(received).extracting(EspEvent.Data::topic).allMatch(expectedTopics::contains);
        assertThat(received).allMatch(data -> data.payload().length == 8);

        fleet.stop().join();
        assertThat(fleet.countsByState().get(DeviceState.DISCONNECTED)).isEqualTo(50);
        assertThat(fleet.outboxSize()).isEqualTo(fleet.devices().stream().mapToLong(Device::outboxSize).sum());

        Device sentinel = device(2, DeviceConfig.builder(broker.host(), broker.port(), 2).timings(Timings.COMPRESSED)
                .will(Will.of("fleet/sentinel/status", "offline", 1, false)).autoReconnect(false).build());
        sentinel.start();
        await().until(sentinel::state, DeviceState.CONNECTED::equals);
        sentinel.abortConnection();
        await().until(() -> received.stream().anyMatch(d -> d.topic().equals("fleet/sentinel/status")));
        assertThat(received).extracting(EspEvent.Data::topic)
                .filteredOn(topic -> topic.endsWith("/status")).containsExactly("fleet/sentinel/status");
        watcher.stop();
    }

    @Test
    void clientIdsComeFromThePatternOrAreDistinctPerSeed() {
        DeviceConfig template = DeviceConfig.builder("127.0.0.1", 1883, 0)
                .will(Will.of("status/{id}", "offline", 0, false))
                .subscriptions(List.of(new Subscription("cmd/{id}", 1))).build();
        FleetConfig patterned = new FleetConfig(template, 3, "sensor-{n}", null, 100, 0);
        assertThat(patterned.clientIds()).containsExactly("sensor-0", "sensor-1", "sensor-2");
        assertThat(patterned.deviceConfig("sensor-1").will().topic()).isEqualTo("status/sensor-1");
        assertThat(patterned.deviceConfig("sensor-1").subscriptions()).containsExactly(new Subscription("cmd/sensor-1", 1));
        assertThat(patterned.startDelayMillis(2)).isEqualTo(20);

        List<String> defaults = new FleetConfig(template, 5_000, null, null, 100, 7).clientIds();
        assertThat(defaults).hasSize(5_000).doesNotHaveDuplicates()
                .isEqualTo(new FleetConfig(template, 5_000, null, null, 100, 7).clientIds());
        assertThatThrownBy(() -> new FleetConfig(template, 2, "sensor", null, 100, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishSpecReadsTopicIntervalAndSize() {
        assertThat(PublishPlan.parse("a/{id}/t", 0)).isEqualTo(new PublishPlan("a/{id}/t", 0, 1_000, 32));
        assertThat(PublishPlan.parse("a/{id}/t@250", 1)).isEqualTo(new PublishPlan("a/{id}/t", 1, 250, 32));
        assertThat(PublishPlan.parse("a/{id}/t@250:4", 2)).isEqualTo(new PublishPlan("a/{id}/t", 2, 250, 4));
        assertThat(new String(PublishPlan.parse("t@1:4", 0).payload(7))).isEqualTo("7...");
        assertThat(new String(PublishPlan.parse("t@1:2", 0).payload(1234))).isEqualTo("12");
        assertThatThrownBy(() -> PublishPlan.parse("t@soon", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Device device(long seed, DeviceConfig config) {
        NettyTransport transport = loops.nextTransport();
        return new Device(config, transport.scheduler(), transport, new SplittableRandom(seed), EspLog.Sink.slf4j());
    }
}
