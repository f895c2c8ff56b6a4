package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue item 1: random valid MQTT sessions (3.1, 3.1.1 and 5) cross the proxy unchanged in both directions, whatever
 * the TCP fragmentation, and the session tracker finds every packet on the way.
 */
class ByteExactTest {
    private static final int PACKETS_EACH_WAY = 60;

    private final EventLog events = new EventLog();
    private ProxyFixture proxy;

    @BeforeEach
    void start() {
        proxy = events.proxies();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    static Stream<Arguments> sessions() {
        return Stream.of(MqttVersion.MQTT_3_1, MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5)
                .flatMap(version -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(version, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("sessions")
    void randomSessionCrossesUnchangedBothWays(MqttVersion version, long seed) throws Exception {
        MqttScript script = MqttScript.generate(seed, version, PACKETS_EACH_WAY);

        Exchange exchange = Exchange.through(proxy, "mqtt", script.upstream(), script.downstream(),
                script.connectLength(), seed);

        exchange.assertUnchanged(script.upstream(), script.downstream());
        PacketEvent.Connect connect = events.await(PacketEvent.Connect.class, e -> true);
        assertThat(connect.clientId()).isEqualTo(script.clientId());
        assertThat(connect.version()).isEqualTo(switch (version) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5";
        });
        events.awaitClosed(connect.connection());
        assertThat(trackerCounts()).isEqualTo(script.expected());
        assertThat(events.of(ConnectionEvent.Raw.class)).isEmpty();
    }

    /** The tracker's events counted the way {@link MqttScript#expected} counts packets. */
    private Map<String, Integer> trackerCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ProxyEvent event : events.of(PacketEvent.class)) {
            String detail = null;
            if (event instanceof PacketEvent.Publish publish) {
                detail = publish.direction();
            } else if (event instanceof PacketEvent.Ack ack) {
                detail = ack.packet();
            }
            counts.merge(MqttScript.eventKey(event.type(), detail), 1, Integer::sum);
        }
        return counts;
    }
}
