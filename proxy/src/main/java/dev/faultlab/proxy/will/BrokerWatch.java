package dev.faultlab.proxy.will;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.faultlab.proxy.net.HostPort;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The will watcher's client of one upstream broker, connected on creation: client id
 * {@code faultlab-will-watcher-<random>}, clean session, reconnecting with exponential backoff
 * (1 s doubling to 30 s) while the broker is away, and subscribed (QoS 1) to the will topics it is
 * asked for, again after every reconnect (a clean session forgets them). It speaks MQTT 5 and falls
 * back to 3.1.1 for good when the broker refuses 5 before ever accepting it. A connection that
 * fails is logged once as a warning until it connects again; credentials never reach the log.
 * State is confined to the watcher's executor; the HiveMQ client's threads only hand over to it.
 *
 * <p>The HiveMQ MQTT client (already the project's test client) over a hand-built subscriber on
 * netty-codec-mqtt: it brings the reconnect backoff, QoS 1 flows, keepalive and both protocol
 * versions, tested far beyond what a small subscriber here would be, on the same Netty 4.2.
 */
final class BrokerWatch {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

    private final HostPort broker;
    private final Credentials credentials;
    private final Executor confined;
    private final Clock clock;
    private final Consumer<Arrival> arrivals;
    private final String clientId = "faultlab-will-watcher-" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> topics = new LinkedHashSet<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private BrokerSession session;
    private volatile boolean mqtt5 = true;
    private boolean connected;
    private volatile boolean everConnected;
    private boolean warned;
    private boolean closed;

    BrokerWatch(HostPort broker, Credentials credentials, Executor confined, Clock clock, Consumer<Arrival> arrivals) {
        this.broker = broker;
        this.credentials = credentials;
        this.confined = confined;
        this.clock = clock;
        this.arrivals = arrivals;
        open();
    }

    void subscribe(String topic) {
        if (topics.add(topic) && connected) {
            send(topic);
        }
    }

    void unsubscribe(String topic) {
        acknowledged.remove(topic);
        if (topics.remove(topic) && connected) {
            session.unsubscribe().accept(topic);
        }
    }

    /** Whether the broker acknowledged the subscription to {@code topic}; from any thread. */
    boolean watching(String topic) {
        return acknowledged.contains(topic);
    }

    private void send(String topic) {
        session.subscribe().apply(topic).thenRun(() -> confined.execute(() -> {
            if (topics.contains(topic) && connected) {
                acknowledged.add(topic);
            }
        }));
    }

    void close() {
        closed = true;
        session.disconnect().run();
    }

    private void open() {
        MqttClientBuilder builder = MqttClient.builder().identifier(clientId)
                .serverHost(broker.host()).serverPort(broker.port())
                .automaticReconnect().initialDelay(1, TimeUnit.SECONDS).maxDelay(30, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(context -> confined.execute(this::connected))
                .addDisconnectedListener(this::disconnected);
        session = mqtt5 ? BrokerSession.mqtt5(builder, credentials, clock, arrivals)
                : BrokerSession.mqtt3(builder, credentials, clock, arrivals);
        session.connect().run();
    }

    private void connected() {
        if (closed) {
            return;
        }
        connected = true;
        everConnected = true;
        warned = false;
        LOG.debug("will watcher {} connected to {} with MQTT {}", clientId, broker, mqtt5 ? "5" : "3.1.1");
        topics.forEach(this::send);
    }

    /** On a HiveMQ client thread: decides about reconnecting, then hands over to the executor. */
    private void disconnected(MqttClientDisconnectedContext context) {
        boolean refusesMqtt5 = mqtt5 && !everConnected && refusesMqtt5(context);
        if (refusesMqtt5 || context.getSource() == MqttDisconnectSource.USER) {
            context.getReconnector().reconnect(false);
        }
        String reason = String.valueOf(context.getCause().getMessage());
        confined.execute(() -> {
            connected = false;
            acknowledged.clear();
            if (closed || context.getSource() == MqttDisconnectSource.USER) {
                return;
            }
            if (refusesMqtt5) {
                LOG.debug("{} does not speak MQTT 5 ({}), the will watcher uses 3.1.1", broker, reason);
                mqtt5 = false;
                open();
            } else if (!warned) {
                warned = true;
                LOG.warn("will watcher lost or cannot reach broker {}: {}; retrying with backoff", broker, reason);
            }
        });
    }

    private static boolean refusesMqtt5(MqttClientDisconnectedContext context) {
        Throwable cause = context.getCause();
        if (cause instanceof Mqtt5ConnAckException refused) {
            return refused.getMqttMessage().getReasonCode() == Mqtt5ConnAckReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
        }
        return cause instanceof Mqtt5DisconnectException && context.getSource() == MqttDisconnectSource.CLIENT;
    }
}
