package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.mqtt.MqttFrameSplitter;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.mqtt.SessionTracker;
import dev.faultlab.proxy.toxic.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keepalive verdict on a session fed real encoded packets, on virtual nanoseconds (K = 2 s). */
class KeepaliveVerdictTest {
    private static final long SECOND = 1_000_000_000L;

    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final SessionTracker session = new SessionTracker(1, "mqtt", new EventBus(), Clock.systemUTC(),
            SessionMeter.NONE);
    private final MqttFrameSplitter up = MqttFrameSplitter.detecting(ByteBufAllocator.DEFAULT, 1024,
            new MqttFrameSplitter.Listener() { });
    private final MqttFrameSplitter down = MqttFrameSplitter.mqtt(ByteBufAllocator.DEFAULT, 1024, 4,
            new MqttFrameSplitter.Listener() { });

    @AfterEach
    void close() {
        encoder.finishAndReleaseAll();
    }

    @Test
    void aClientThatGivesUpOnItsPingreqClosedForTheKeepalive() {
        connect(0);
        send(Direction.UPSTREAM, packet(MqttMessageType.PINGREQ), SECOND);
        assertThat(KeepaliveVerdict.explain(CloseCause.CLIENT_FIN, session, SECOND + SECOND / 4))
                .as("waited only a quarter second").isEqualTo(CloseCause.CLIENT_FIN);
        assertThat(KeepaliveVerdict.explain(CloseCause.CLIENT_FIN, session, 2 * SECOND))
                .isEqualTo(CloseCause.CLIENT_KEEPALIVE);
        assertThat(KeepaliveVerdict.explain(CloseCause.CLIENT_RST, session, 2 * SECOND))
                .isEqualTo(CloseCause.CLIENT_KEEPALIVE);
        send(Direction.DOWNSTREAM, packet(MqttMessageType.PINGRESP), 2 * SECOND);
        assertThat(KeepaliveVerdict.explain(CloseCause.CLIENT_FIN, session, 3 * SECOND))
                .as("answered").isEqualTo(CloseCause.CLIENT_FIN);
    }

    @Test
    void aBrokerThatHeardNothingForOneAndAHalfKeepalivesExpiredIt() {
        connect(0);
        assertThat(KeepaliveVerdict.explain(CloseCause.UPSTREAM_FIN, session, 2 * SECOND))
                .isEqualTo(CloseCause.UPSTREAM_FIN);
        assertThat(KeepaliveVerdict.explain(CloseCause.UPSTREAM_RST, session, 3 * SECOND))
                .isEqualTo(CloseCause.UPSTREAM_KEEPALIVE);
        assertThat(KeepaliveVerdict.explain(CloseCause.TOXIC, session, 30 * SECOND)).isEqualTo(CloseCause.TOXIC);
    }

    @Test
    void aClientDisconnectingOrWithoutKeepaliveKeepsItsCause() {
        connect(0);
        send(Direction.UPSTREAM, packet(MqttMessageType.PINGREQ), SECOND);
        send(Direction.UPSTREAM, MqttMessageBuilders.disconnect().build(), SECOND);
        assertThat(KeepaliveVerdict.explain(CloseCause.CLIENT_FIN, session, 3 * SECOND))
                .isEqualTo(CloseCause.CLIENT_FIN);
    }

    private void connect(long nanoTime) {
        send(Direction.UPSTREAM, MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId("ESP32_1a2B3C").keepAlive(2).build(), nanoTime);
    }

    private static MqttMessage packet(MqttMessageType type) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    private void send(Direction direction, MqttMessage message, long nanoTime) {
        encoder.writeOutbound(message);
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            (direction == Direction.UPSTREAM ? up : down).feed(part, (data, layout) -> {
                session.arrived(direction, layout, nanoTime);
                session.delivered(direction, layout, nanoTime);
                data.release();
            });
        }
    }
}
