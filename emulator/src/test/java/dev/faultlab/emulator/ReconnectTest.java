package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 4, items 3 and 4: the reconnect delay, and CONNACK refusals. */
class ReconnectTest {
    private static final long R = 1_000;
    /** The reconnect timer's phase is below one FreeRTOS tick (10 ms). */
    private static final long PHASE = 10;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void reconnectComesAfterROrOneAndAHalfRNeverEarlierAndTheSameEveryTime(long seed) {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, seed);
        bench.broker.acceptTcp = false;
        bench.device.start();
        bench.clock.advance(30_000);

        List<Long> opens = bench.broker.opens;
        List<Long> aborts = bench.times(EspEvent.Disconnected.class);
        assertThat(opens).hasSizeGreaterThan(11);
        Set<Long> gaps = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            gaps.add(opens.get(i + 1) - aborts.get(i));
        }
        assertThat(gaps).as("no backoff, no jitter between failures").hasSize(1);
        long gap = gaps.iterator().next();
        assertThat(gap).isGreaterThanOrEqualTo(R);
        assertThat(gap < R + PHASE || (gap >= R * 3 / 2 && gap < R * 3 / 2 + PHASE)).as("gap %d", gap).isTrue();
        assertThat(bench.device.state()).isEqualTo(DeviceState.WAIT_RECONNECT);
    }

    @Test
    void bothGapsOccurAcrossDevices() {
        Set<Boolean> oneAndAHalf = new HashSet<>();
        for (long seed = 0; seed < 100 && oneAndAHalf.size() < 2; seed++) {
            VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, seed);
            bench.broker.acceptTcp = false;
            bench.device.start();
            bench.clock.advance(2_000);
            oneAndAHalf.add(bench.broker.opens.size() == 2 && bench.broker.opens.get(1) >= R * 3 / 2);
        }
        assertThat(oneAndAHalf).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void failedTcpConnectRaisesTransportError() {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, 3);
        bench.broker.acceptTcp = false;
        bench.device.start();
        bench.clock.advance(0);

        assertThat(bench.eventValues()).containsExactly(new EspEvent.BeforeConnect(),
                new EspEvent.Error(EspEvent.ErrorType.TCP_TRANSPORT, 0), new EspEvent.Disconnected());
        assertThat(bench.lineTimes("E (0) mqtt_client: Error transport connect")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
            "1, 'Connection refused, bad protocol'",
            "2, 'Connection refused, Unknown reason'",
            "3, 'Connection refused, server unavailable'",
            "4, 'Connection refused, bad username or password'",
            "5, 'Connection refused, not authorized'"})
    void refusedConnackRaisesErrorThenDisconnectedAndIsRetriedForever(int code, String warning) {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, 5);
        bench.broker.connackCode = code;
        bench.device.start();
        bench.clock.advance(20_000);

        List<EspEvent> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(new EspEvent.BeforeConnect());
            expected.add(new EspEvent.Error(EspEvent.ErrorType.CONNECTION_REFUSED, code));
            expected.add(new EspEvent.Disconnected());
        }
        assertThat(bench.eventValues()).startsWith(expected.toArray(EspEvent[]::new));
        assertThat(bench.eventValues()).doesNotHaveAnyElementsOfTypes(EspEvent.Connected.class);
        assertThat(bench.lineTimes("W (0) mqtt_client: " + warning)).hasSize(1);
        assertThat(bench.lineTimes("E (0) mqtt_client: MQTT connect failed")).hasSize(1);

        List<Long> aborts = bench.times(EspEvent.Disconnected.class);
        List<Long> retries = bench.times(EspEvent.BeforeConnect.class);
        assertThat(retries).hasSizeGreaterThan(10);
        for (int i = 0; i < 10; i++) {
            assertThat(retries.get(i + 1) - aborts.get(i)).isBetween(R, R * 3 / 2 + PHASE);
        }
    }

    @ParameterizedTest
    @CsvSource({"135, Not authorized", "134, Bad User Name or Password", "159, Connection rate exceeded",
            "144, 'Connection refused, Unknow reason'"})
    void aMqtt5RefusalLogsTheReasonName(int code, String warning) {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 5).timings(Timings.COMPRESSED)
                .protocol(MqttVersion.MQTT_5).build(), 5);
        bench.broker.connackCode = code;
        bench.device.start();
        bench.clock.advance(0);

        assertThat(bench.eventValues()).contains(new EspEvent.Error(EspEvent.ErrorType.CONNECTION_REFUSED, code));
        assertThat(bench.lineTimes("W (0) mqtt_client: " + warning)).hasSize(1);
    }

    @Test
    void missingConnackAbortsAfterNWithoutError() {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED, Profile.ESP_IDF_5, 5);
        bench.broker.answerConnect = false;
        bench.device.start();
        bench.clock.advance(2_500);

        assertThat(bench.times(EspEvent.Disconnected.class)).containsExactly(Timings.COMPRESSED.network());
        assertThat(bench.eventValues()).doesNotHaveAnyElementsOfTypes(EspEvent.Error.class);
        assertThat(bench.broker.links.get(0).closedByDevice).isTrue();
    }
}
