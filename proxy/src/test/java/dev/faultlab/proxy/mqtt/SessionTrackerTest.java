package dev.faultlab.proxy.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.toxic.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EventBus bus = new EventBus();
    private final List<ProxyEvent> events = new ArrayList<>();
    /** What the tracker tells the metrics, one line per call. */
    private final List<String> metered = new ArrayList<>();
    private final SessionTracker tracker = new SessionTracker(7, "mqtt", bus, Clock.systemUTC(), new SessionMeter() {
        @Override
        public void identified(String clientId) {
            metered.add("identified " + clientId);
        }

        @Override
        public void connect(String version) {
            metered.add("connect " + version);
        }

        @Override
        public void connack(int code) {
            metered.add("connack " + code);
        }

        @Override
        public void pingRtt(double seconds) {
            metered.add("ping " + seconds);
        }

        @Override
        public void flowCompleted(int qos, double seconds) {
            metered.add("flow qos " + qos + " " + seconds);
        }

        @Override
        public void duplicate(Direction direction) {
            metered.add("duplicate " + direction.jsonName());
        }
    });
    private final MqttFrameSplitter up = MqttFrameSplitter.detecting(ByteBufAllocator.DEFAULT, 1024,
            new MqttFrameSplitter.Listener() { });
    private MqttFrameSplitter down;
    private long now;

    SessionTrackerTest() {
        bus.subscribe(events::add);
    }

    @AfterEach
    void close() {
        encoder.finishAndReleaseAll();
    }

    @Test
    void followsConnectPingPublishAndAcks() {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("ESP32_1a2B3C").keepAlive(2).willFlag(true).willTopic("status").willMessage(new byte[1])
                .build());
        down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 4, new MqttFrameSplitter.Listener() { });
        send(Direction.DOWNSTREAM, MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .build());
        now = 1_000_000_000L;
        send(Direction.UPSTREAM, new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                MqttQoS.AT_MOST_ONCE, false, 0)));
        now += 4_000_000L;
        send(Direction.DOWNSTREAM, new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                MqttQoS.AT_MOST_ONCE, false, 0)));
        send(Direction.UPSTREAM, MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(11).payload(Unpooled.wrappedBuffer(new byte[5])).build());
        send(Direction.UPSTREAM, MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(12).payload(Unpooled.wrappedBuffer(new byte[5])).build());
        assertThat(tracker.state().inflightUp()).isEqualTo(2);
        now += 10_000_000L;
        send(Direction.DOWNSTREAM, MqttMessageBuilders.pubAck().packetId((short) 11).build());

        assertThat(events).extracting(ProxyEvent::type)
                .containsExactly("connect", "connack", "pingreq", "pingresp", "publish", "publish", "ack");
        assertThat(events).allSatisfy(e -> assertThat(e.clientId()).isEqualTo("ESP32_1a2B3C"));
        PacketEvent.Connect connect = (PacketEvent.Connect) events.get(0);
        assertThat(connect.keepAlive()).isEqualTo(2);
        assertThat(connect.willTopic()).isEqualTo("status");
        assertThat(((PacketEvent.PingResponse) events.get(3)).rttMillis()).isEqualTo(4.0);
        PacketEvent.Ack ack = (PacketEvent.Ack) events.get(6);
        assertThat(ack.direction()).isEqualTo("upstream");
        assertThat(ack.latencyMillis()).isEqualTo(10.0);
        assertThat(ack.inflight()).isEqualTo(1);
        assertThat(tracker.state().phase()).isEqualTo("connected");
        assertThat(tracker.state().lastPingRttMillis()).isEqualTo(4.0);
        assertThat(metered).containsExactly("identified ESP32_1a2B3C", "connect 3.1.1", "connack 0", "ping 0.004",
                "flow qos 1 0.01");
    }

    @Test
    void aPublishResentWhileInFlightOrMarkedDupIsADuplicate() {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("ESP32_1a2B3C").keepAlive(2).build());
        down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 4, new MqttFrameSplitter.Listener() { });
        send(Direction.DOWNSTREAM, publish(21, false));
        send(Direction.DOWNSTREAM, publish(21, false));
        send(Direction.UPSTREAM, MqttMessageBuilders.pubAck().packetId((short) 21).build());
        send(Direction.DOWNSTREAM, publish(22, true));
        assertThat(metered).filteredOn(line -> line.startsWith("duplicate"))
                .containsExactly("duplicate downstream", "duplicate downstream");
        assertThat(metered).filteredOn(line -> line.startsWith("flow")).hasSize(1);
    }

    @Test
    void mqtt5AssignedClientIdAndServerKeepAliveNameTheSession() {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("")
                .keepAlive(120).build());
        down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 5, new MqttFrameSplitter.Listener() { });
        io.netty.handler.codec.mqtt.MqttProperties properties = new io.netty.handler.codec.mqtt.MqttProperties();
        properties.add(new io.netty.handler.codec.mqtt.MqttProperties.StringProperty(0x12, "auto-1"));
        properties.add(new io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty(0x13, 30));
        send(Direction.DOWNSTREAM, MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .properties(properties).build());
        assertThat(tracker.state().clientId()).isEqualTo("auto-1");
        assertThat(tracker.state().keepAlive()).isEqualTo(30);
        assertThat(metered).containsExactly("identified ", "connect 5", "connack 0", "identified auto-1");
    }

    @Test
    void measuresTheClientsWaitForAPingrespAndTheBrokersSilence() {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("ESP32_1a2B3C").keepAlive(2).build());
        down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 4, new MqttFrameSplitter.Listener() { });
        assertThat(tracker.pingUnansweredNanos(5_000_000_000L)).isZero();
        now = 1_000_000_000L;
        send(Direction.UPSTREAM, pingreq());
        now = 1_500_000_000L;
        send(Direction.UPSTREAM, pingreq());
        assertThat(tracker.pingUnansweredNanos(2_000_000_000L)).as("since the first unanswered PINGREQ")
                .isEqualTo(1_000_000_000L);
        assertThat(tracker.upstreamSilentNanos(2_000_000_000L)).as("since the last delivery upstream")
                .isEqualTo(500_000_000L);
        send(Direction.DOWNSTREAM, new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false,
                MqttQoS.AT_MOST_ONCE, false, 0)));
        assertThat(tracker.pingUnansweredNanos(2_000_000_000L)).isZero();
        assertThat(tracker.keepAliveTimeoutFromServer()).isFalse();
    }

    @Test
    void anMqtt5ServersKeepAliveTimeoutDisconnectIsNoted() {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("a")
                .keepAlive(2).build());
        down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 5, new MqttFrameSplitter.Listener() { });
        send(Direction.DOWNSTREAM, MqttMessageBuilders.disconnect().reasonCode((byte) 0x8D).build());
        assertThat(tracker.keepAliveTimeoutFromServer()).isTrue();
    }

    private static MqttMessage pingreq() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    private static MqttMessage publish(int packetId, boolean dup) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader("t", packetId),
                Unpooled.wrappedBuffer(new byte[3]));
    }

    private void send(Direction direction, MqttMessage message) {
        encoder.writeOutbound(message);
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            MqttFrameSplitter splitter = direction == Direction.UPSTREAM ? up : down;
            splitter.feed(part, (data, layout) -> {
                tracker.arrived(direction, layout, now);
                tracker.delivered(direction, layout, now);
                data.release();
            });
        }
    }
}
