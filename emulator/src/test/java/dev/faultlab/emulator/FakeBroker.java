package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory broker behind the {@link Transport} interface, on virtual time: records every packet
 * a device sends (and releases it), and answers as a broker would, after {@link #replyDelay} ms.
 * Switches make it refuse TCP, refuse or ignore CONNECT, withhold PINGRESP or acks, or close.
 */
final class FakeBroker implements Transport {
    /** A packet the device sent, on which connection, when; {@code reason} of an MQTT 5 DISCONNECT, else 0. */
    record Sent(int link, long at, MqttMessageType type, int msgId, boolean dup, String topic, int reason) {
    }

    /** A CONNECT the device sent: the client id and keepalive it carried. */
    record Connect(String clientId, int keepAliveSeconds) {
    }

    private final VirtualScheduler clock;
    final List<Connect> connects = new ArrayList<>();
    /** Sent with every CONNACK (MQTT 5 properties). */
    MqttProperties connackProperties = MqttProperties.NO_PROPERTIES;
    final List<Sent> sent = new ArrayList<>();
    final List<Long> opens = new ArrayList<>();
    final List<FakeLink> links = new ArrayList<>();
    boolean acceptTcp = true;
    boolean answerConnect = true;
    int connackCode;
    boolean answerPings = true;
    boolean ackPublishes = true;
    long replyDelay;

    FakeBroker(VirtualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public Link open(String host, int port, int receiveBuffer, Handler handler) {
        opens.add(clock.nowMillis());
        FakeLink link = new FakeLink(links.size(), handler);
        links.add(link);
        clock.schedule(0, () -> {
            if (acceptTcp) {
                handler.connected();
            } else {
                handler.connectFailed(new java.net.ConnectException("refused"));
            }
        });
        return link;
    }

    FakeLink current() {
        return links.get(links.size() - 1);
    }

    List<Sent> sent(MqttMessageType type) {
        return sent.stream().filter(s -> s.type == type).toList();
    }

    /** One connection; {@link #closedByDevice} tells whether the device closed it. */
    final class FakeLink implements Link {
        final int index;
        final Handler handler;
        boolean closedByDevice;
        boolean closedByPeer;
        /** The broker stops reading: packets sent from now on stay pending. */
        boolean stopReading;
        /** The bytes received so far end inside a packet. */
        boolean partial;
        /** Whether the device takes what arrives; packets delivered while it does not wait here. */
        boolean reading = true;
        final List<MqttMessage> unread = new ArrayList<>();
        long pending;
        long completed;

        FakeLink(int index, Handler handler) {
            this.index = index;
            this.handler = handler;
        }

        @Override
        public boolean writePending() {
            return pending > 0;
        }

        @Override
        public long writesCompleted() {
            return completed;
        }

        @Override
        public boolean readingPartialPacket() {
            return partial;
        }

        /** Part of a packet reaches the device ({@code more}: and the packet is still unfinished). */
        void partialData(boolean more) {
            partial = more;
            handler.partialData();
        }

        @Override
        public void send(MqttMessage message) {
            if (stopReading) {
                pending++;
                ReferenceCountUtil.release(message);
                return;
            }
            completed++;
            try {
                record(message);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        private void record(MqttMessage message) {
            MqttFixedHeader header = message.fixedHeader();
            Object variable = message.variableHeader();
            int msgId = variable instanceof MqttMessageIdVariableHeader id ? id.messageId() : 0;
            String topic = null;
            if (message instanceof MqttPublishMessage publish) {
                msgId = publish.variableHeader().packetId();
                topic = publish.variableHeader().topicName();
            }
            if (message instanceof MqttConnectMessage connect) {
                connects.add(new Connect(connect.payload().clientIdentifier(),
                        connect.variableHeader().keepAliveTimeSeconds()));
            }
            int reason = variable instanceof MqttReasonCodeAndPropertiesVariableHeader r ? r.reasonCode() & 0xFF : 0;
            sent.add(new Sent(index, clock.nowMillis(), header.messageType(), msgId, header.isDup(), topic, reason));
            MqttMessage reply = reply(header, msgId);
            if (reply != null) {
                clock.schedule(replyDelay, () -> deliver(reply));
            }
        }

        private MqttMessage reply(MqttFixedHeader header, int msgId) {
            return switch (header.messageType()) {
                case CONNECT -> answerConnect ? MqttMessageBuilders.connAck()
                        .returnCode(MqttConnectReturnCode.valueOf((byte) connackCode))
                        .properties(connackProperties).build()
                        : null;
                case PINGREQ -> answerPings ? new MqttMessage(
                        new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)) : null;
                case PUBLISH -> !ackPublishes || header.qosLevel() == MqttQoS.AT_MOST_ONCE ? null
                        : header.qosLevel() == MqttQoS.AT_LEAST_ONCE ? ack(MqttMessageType.PUBACK, msgId)
                        : ack(MqttMessageType.PUBREC, msgId);
                case PUBREL -> ack(MqttMessageType.PUBCOMP, msgId);
                case SUBSCRIBE -> MqttMessageBuilders.subAck().packetId(msgId).addGrantedQos(MqttQoS.AT_LEAST_ONCE)
                        .build();
                default -> null;
            };
        }

        private MqttMessage ack(MqttMessageType type, int msgId) {
            return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    MqttMessageIdVariableHeader.from(msgId));
        }

        @Override
        public void reading(boolean on) {
            reading = on;
            while (reading && !unread.isEmpty()) {
                deliver(unread.remove(0));
            }
        }

        /** Sends {@code message} to the device now, as the broker (it waits while the device is not reading). */
        void deliver(MqttMessage message) {
            if (!reading) {
                unread.add(message);
                return;
            }
            if (!closedByDevice && !closedByPeer) {
                handler.received(message);
            }
            ReferenceCountUtil.release(message);
        }

        /** The broker side closes the connection. */
        void closeFromPeer() {
            closedByPeer = true;
            handler.closed(null);
        }

        @Override
        public void close() {
            closedByDevice = true;
        }
    }
}
