package dev.faultlab.e2e;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A random, valid MQTT session (3.1, 3.1.1 or 5) as the bytes each side sends, encoded with Netty's MQTT
 * codec from a seed: the client's CONNECT then a mix of every client-to-server packet type, PUBLISH
 * at QoS 0–2 with payloads from 0 B to {@link #MAX_PAYLOAD} (each direction has one of each
 * extreme), ending in DISCONNECT; the server's CONNACK then a mix of every server-to-client type.
 * Packets are syntactically valid; their order need not make a protocol conversation (an ack may
 * answer nothing), which a passive proxy must take as it comes.
 *
 * @param connectLength the length of the CONNECT, the first bytes of {@code upstream}
 * @param expected how many events of each kind the proxy's tracker must report, keyed as
 *     {@link #eventKey} names them
 */
record MqttScript(String clientId, MqttVersion version, byte[] upstream, byte[] downstream, int connectLength,
                  Map<String, Integer> expected) {

    static final int MAX_PAYLOAD = 1024 * 1024;

    private static final List<MqttMessageType> CLIENT_TYPES = List.of(MqttMessageType.PUBLISH,
            MqttMessageType.PUBLISH, MqttMessageType.PUBLISH, MqttMessageType.PUBACK, MqttMessageType.PUBREC,
            MqttMessageType.PUBREL, MqttMessageType.PUBCOMP, MqttMessageType.SUBSCRIBE, MqttMessageType.UNSUBSCRIBE,
            MqttMessageType.PINGREQ, MqttMessageType.AUTH);
    private static final List<MqttMessageType> SERVER_TYPES = List.of(MqttMessageType.PUBLISH,
            MqttMessageType.PUBLISH, MqttMessageType.PUBLISH, MqttMessageType.PUBACK, MqttMessageType.PUBREC,
            MqttMessageType.PUBREL, MqttMessageType.PUBCOMP, MqttMessageType.SUBACK, MqttMessageType.UNSUBACK,
            MqttMessageType.PINGRESP, MqttMessageType.AUTH);

    /** The key of a tracker event in {@link #expected}: type, plus direction or packet where they tell apart. */
    static String eventKey(String type, String detail) {
        return detail == null ? type : type + " " + detail;
    }

    static MqttScript generate(long seed, MqttVersion version, int packetsEachWay) {
        return new Generator(new SplittableRandom(seed), version).session("e2e-" + seed + "-" + version.name(),
                packetsEachWay);
    }

    private static final class Generator {
        private final SplittableRandom random;
        private final MqttVersion version;
        private final boolean five;
        private final Map<String, Integer> expected = new TreeMap<>();

        Generator(SplittableRandom random, MqttVersion version) {
            this.random = random;
            this.version = version;
            this.five = version == MqttVersion.MQTT_5;
        }

        MqttScript session(String clientId, int packets) {
            try (MqttBytes up = new MqttBytes(version); MqttBytes down = new MqttBytes(version)) {
                int connectLength = up.add(connect(clientId)).stream().length;
                count("connect", null);
                down.add(connack());
                count("connack", null);
                direction(up, CLIENT_TYPES, "upstream", packets);
                direction(down, SERVER_TYPES, "downstream", packets);
                if (five && random.nextBoolean()) {
                    down.add(disconnect());
                    count("disconnect", null);
                }
                up.add(disconnect());
                count("disconnect", null);
                return new MqttScript(clientId, version, up.stream(), down.stream(), connectLength,
                        Map.copyOf(expected));
            }
        }

        private void direction(MqttBytes out, List<MqttMessageType> types, String direction, int packets) {
            int emptyAt = random.nextInt(packets);
            int largestAt = (emptyAt + 1 + random.nextInt(packets - 1)) % packets;
            for (int i = 0; i < packets; i++) {
                MqttMessage message;
                if (i == emptyAt || i == largestAt) {
                    message = publish(i == emptyAt ? 0 : MAX_PAYLOAD);
                } else {
                    MqttMessageType type = types.get(random.nextInt(types.size()));
                    if (type == MqttMessageType.AUTH && !five) {
                        type = MqttMessageType.PUBLISH;
                    }
                    message = packet(type);
                }
                out.add(message);
                countEvent(message.fixedHeader().messageType(), direction);
            }
        }

        private void countEvent(MqttMessageType type, String direction) {
            switch (type) {
                case PUBLISH -> count("publish", direction);
                case PUBACK, PUBREC, PUBREL, PUBCOMP -> count("ack", type.name());
                case SUBSCRIBE, UNSUBSCRIBE, SUBACK, UNSUBACK, PINGREQ, PINGRESP ->
                        count(type.name().toLowerCase(Locale.ROOT), null);
                default -> {
                }
            }
        }

        private void count(String type, String detail) {
            expected.merge(eventKey(type, detail), 1, Integer::sum);
        }

        private MqttMessage packet(MqttMessageType type) {
            return switch (type) {
                case PUBLISH -> publish(payloadSize());
                case PUBACK, PUBREC, PUBREL, PUBCOMP -> pubReply(type);
                case SUBSCRIBE -> {
                    MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe()
                            .messageId(packetId()).properties(properties());
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        subscribe.addSubscription(qos(), topic() + (random.nextBoolean() ? "/#" : "/+/x"));
                    }
                    yield subscribe.build();
                }
                case UNSUBSCRIBE -> MqttMessageBuilders.unsubscribe().messageId(packetId()).addTopicFilter(topic())
                        .properties(properties()).build();
                case SUBACK -> MqttMessageBuilders.subAck().packetId(packetId()).addGrantedQoses(qos(), qos())
                        .properties(properties()).build();
                case UNSUBACK -> MqttMessageBuilders.unsubAck().packetId(packetId()).addReasonCode((short) 0)
                        .properties(properties()).build();
                case PINGREQ, PINGRESP -> new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE,
                        false, 0));
                case AUTH -> {
                    MqttProperties properties = new MqttProperties();
                    properties.add(new MqttProperties.StringProperty(
                            MqttPropertyType.AUTHENTICATION_METHOD.value(), "SCRAM-SHA-1"));
                    properties.add(new MqttProperties.BinaryProperty(
                            MqttPropertyType.AUTHENTICATION_DATA.value(), bytes(random.nextInt(64))));
                    yield MqttMessageBuilders.auth().reasonCode((byte) 0x18).properties(properties).build();
                }
                default -> throw new IllegalArgumentException(type.name());
            };
        }

        private MqttMessage connect(String clientId) {
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().protocolVersion(version)
                    .clientId(clientId).keepAlive(random.nextInt(1, 600)).cleanSession(random.nextBoolean());
            if (random.nextBoolean()) {
                connect.hasUser(true).username("user-" + random.nextInt(1000));
                if (random.nextBoolean()) {
                    connect.hasPassword(true).password(bytes(1 + random.nextInt(32)));
                }
            }
            if (random.nextBoolean()) {
                connect.willFlag(true).willTopic(topic()).willMessage(bytes(random.nextInt(200))).willQoS(qos())
                        .willRetain(random.nextBoolean());
                if (five) {
                    MqttProperties will = new MqttProperties();
                    will.add(new MqttProperties.IntegerProperty(MqttPropertyType.WILL_DELAY_INTERVAL.value(),
                            random.nextInt(60)));
                    connect.willProperties(will);
                }
            }
            if (five) {
                MqttProperties properties = properties();
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(),
                        random.nextInt(3600)));
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(),
                        1 + random.nextInt(100)));
                connect.properties(properties);
            }
            return connect.build();
        }

        private MqttMessage connack() {
            MqttMessageBuilders.ConnAckBuilder connack = MqttMessageBuilders.connAck()
                    .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(random.nextBoolean());
            if (five) {
                MqttProperties properties = properties();
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(),
                        random.nextInt(1, 120)));
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(),
                        1 + random.nextInt(100)));
                connack.properties(properties);
            }
            return connack.build();
        }

        private MqttPublishMessage publish(int size) {
            MqttQoS qos = qos();
            boolean dup = qos != MqttQoS.AT_MOST_ONCE && random.nextInt(4) == 0;
            MqttProperties properties = properties();
            if (five && random.nextBoolean()) {
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
                        random.nextInt(2)));
                properties.add(new MqttProperties.IntegerProperty(
                        MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), random.nextInt(1, 3600)));
                properties.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(),
                        "application/octet-stream"));
            }
            int packetId = qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId();
            return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, qos, random.nextBoolean(),
                    0), new MqttPublishVariableHeader(topic(), packetId, properties),
                    Unpooled.wrappedBuffer(bytes(size)));
        }

        private MqttMessage pubReply(MqttMessageType type) {
            MqttQoS headerQos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
            MqttFixedHeader header = new MqttFixedHeader(type, false, headerQos, false, 0);
            if (five && random.nextBoolean()) {
                byte reason = random.nextBoolean() ? 0 : (byte) (type == MqttMessageType.PUBREL
                        || type == MqttMessageType.PUBCOMP ? 0x92 : 0x10);
                return new MqttMessage(header, new MqttPubReplyMessageVariableHeader(packetId(), reason,
                        properties()));
            }
            return new MqttMessage(header, MqttMessageIdVariableHeader.from(packetId()));
        }

        private MqttMessage disconnect() {
            MqttMessageBuilders.DisconnectBuilder disconnect = MqttMessageBuilders.disconnect();
            if (five) {
                disconnect.reasonCode((byte) (random.nextBoolean() ? 0x00 : 0x04)).properties(properties());
            }
            return disconnect.build();
        }

        /** Empty on 3.1.1; on 5, sometimes a user property and a reason string. */
        private MqttProperties properties() {
            MqttProperties properties = new MqttProperties();
            if (five && random.nextBoolean()) {
                properties.add(new MqttProperties.UserProperty("k" + random.nextInt(10), "v" + random.nextInt(1000)));
            }
            return properties;
        }

        private int payloadSize() {
            int kind = random.nextInt(20);
            if (kind < 10) {
                return random.nextInt(65);
            }
            if (kind < 16) {
                return random.nextInt(4_097);
            }
            if (kind < 19) {
                return random.nextInt(65_537);
            }
            return random.nextInt(MAX_PAYLOAD + 1);
        }

        private MqttQoS qos() {
            return MqttQoS.valueOf(random.nextInt(3));
        }

        private int packetId() {
            return 1 + random.nextInt(65_535);
        }

        private String topic() {
            String[] levels = {"sensors", "häuser", "温度", "esp32", "a", "b/c", "status"};
            StringBuilder topic = new StringBuilder("e2e");
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                topic.append('/').append(levels[random.nextInt(levels.length)]);
            }
            return topic.toString();
        }

        private byte[] bytes(int size) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            return bytes;
        }
    }
}
