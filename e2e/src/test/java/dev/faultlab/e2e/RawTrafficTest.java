package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue item 8: traffic that is not MQTT, or stops being MQTT midway, passes byte-exact; the proxy
 * reports the switch to raw forwarding once per direction, and the tracker saw every packet before
 * it.
 */
class RawTrafficTest {
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

    static Stream<Arguments> notMqtt() {
        SplittableRandom random = new SplittableRandom(8);
        return Stream.of(
                Arguments.of("HTTP request", concat(ascii("GET /status HTTP/1.1\r\nHost: broker\r\n\r\n"),
                        bytes(random, 0))),
                Arguments.of("TLS ClientHello on 8883", concat(HexFormat.of().parseHex("1603010200010001fc0303"),
                        bytes(random, 5_000))),
                Arguments.of("CONNECT header with another protocol", concat(HexFormat.of().parseHex(
                        "107f000448545450"), bytes(random, 70_000))),
                Arguments.of("random bytes", bytes(random, 300_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notMqtt")
    void notMqttPassesUnchangedAsRaw(String what, byte[] request) throws Exception {
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n"),
                bytes(new SplittableRandom(9), 200_000));

        Exchange exchange = Exchange.through(proxy, "mqtt", request, response, request.length, 1);

        exchange.assertUnchanged(request, response);
        ConnectionEvent.Closed closed = events.await(ConnectionEvent.Closed.class, e -> true);
        assertThat(events.of(ConnectionEvent.Raw.class)).singleElement().satisfies(raw -> {
            assertThat(raw.connection()).isEqualTo(closed.connection());
            assertThat(raw.direction()).isEqualTo("upstream");
            assertThat(raw.malformed()).isFalse();
        });
        assertThat(events.of(PacketEvent.class)).isEmpty();
    }

    @Test
    void aTruncatedConnectStillReachesTheBrokerAtEndOfStream() throws Exception {
        byte[] request = HexFormat.of().parseHex("102000");
        byte[] response = ascii("bye");

        Exchange exchange = Exchange.through(proxy, "mqtt", request, response, request.length, 2);

        exchange.assertUnchanged(request, response);
        events.await(ConnectionEvent.Closed.class, e -> true);
        assertThat(events.of(PacketEvent.class)).isEmpty();
    }

    /** Each a header the splitter must refuse, followed by bytes that would be refused again. */
    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("reserved packet type 0", HexFormat.of().parseHex("000500000000000000")),
                Arguments.of("PUBREL with flags 0", HexFormat.of().parseHex("60020001")),
                Arguments.of("remaining length of five bytes", HexFormat.of().parseHex("30ffffffff7f00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void clientStreamTurningMalformedPassesUnchangedAndIsReportedOnce(String what, byte[] bad) throws Exception {
        int before = 7;
        byte[] request;
        byte[] response;
        try (MqttBytes up = new MqttBytes(MqttVersion.MQTT_3_1_1);
             MqttBytes down = new MqttBytes(MqttVersion.MQTT_3_1_1)) {
            up.add(MqttBytes.connect("esp-malformed-up", MqttVersion.MQTT_3_1_1));
            publishes(up, before, 3);
            up.addRaw(bad).addRaw(bad);
            publishes(up, 5, 4);
            up.addRaw(bytes(new SplittableRandom(5), 50_000));
            request = up.stream();
            down.add(MqttBytes.connack());
            publishes(down, 6, 6);
            response = down.stream();
        }

        Exchange exchange = Exchange.through(proxy, "mqtt", request, response, 1, 3);

        exchange.assertUnchanged(request, response);
        events.awaitClosed("esp-malformed-up");
        assertThat(events.of(ConnectionEvent.Raw.class)).singleElement().satisfies(raw -> {
            assertThat(raw.direction()).isEqualTo("upstream");
            assertThat(raw.malformed()).isTrue();
            assertThat(raw.clientId()).isEqualTo("esp-malformed-up");
        });
        assertThat(events.of(PacketEvent.Publish.class, p -> p.direction().equals("upstream"))).hasSize(before);
        assertThat(events.of(PacketEvent.Publish.class, p -> p.direction().equals("downstream"))).hasSize(6);
    }

    @Test
    void brokerStreamTurningMalformedPassesUnchangedAndIsReportedOnce() throws Exception {
        byte[] request;
        byte[] response;
        try (MqttBytes up = new MqttBytes(MqttVersion.MQTT_5); MqttBytes down = new MqttBytes(MqttVersion.MQTT_5)) {
            up.add(MqttBytes.connect("esp-malformed-down", MqttVersion.MQTT_5));
            publishes(up, 9, 7);
            request = up.stream();
            down.add(MqttBytes.connack());
            publishes(down, 4, 8);
            byte[] bad = HexFormat.of().parseHex("000500000000000000");
            down.addRaw(bad).addRaw(bad);
            publishes(down, 3, 9);
            response = down.stream();
        }

        Exchange exchange = Exchange.through(proxy, "mqtt", request, response, request.length, 4);

        exchange.assertUnchanged(request, response);
        events.awaitClosed("esp-malformed-down");
        assertThat(events.of(ConnectionEvent.Raw.class)).singleElement().satisfies(raw -> {
            assertThat(raw.direction()).isEqualTo("downstream");
            assertThat(raw.malformed()).isTrue();
        });
        assertThat(events.of(PacketEvent.Publish.class, p -> p.direction().equals("upstream"))).hasSize(9);
        assertThat(events.of(PacketEvent.Publish.class, p -> p.direction().equals("downstream"))).hasSize(4);
    }

    private static void publishes(MqttBytes out, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            out.add(MqttBytes.publish("e2e/raw/" + i, MqttQoS.valueOf(i % 3), 1 + i,
                    bytes(random, random.nextInt(40_000))));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
