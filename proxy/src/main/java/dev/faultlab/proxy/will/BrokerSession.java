package dev.faultlab.proxy.will;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The watcher's MQTT connection to one broker in one protocol version: MQTT 5 (subscriptions ask
 * the broker not to send stored retained messages) or 3.1.1. Clean session, QoS 1 subscriptions,
 * every received message handed on as an {@link Arrival} stamped on receipt.
 */
interface BrokerSession {

    void connect();

    /** Subscribes; completes when the broker acknowledged it. */
    CompletableFuture<?> subscribe(String topic);

    void unsubscribe(String topic);

    void disconnect();

    /** An MQTT 5 session over the HiveMQ MQTT client. */
    static BrokerSession mqtt5(MqttClientBuilder builder, Credentials credentials, Clock clock,
                               Consumer<Arrival> arrivals) {
        var versioned = builder.useMqttVersion5();
        if (credentials.present()) {
            byte[] password = credentials.password() == null ? null
                    : credentials.password().getBytes(StandardCharsets.UTF_8);
            Mqtt5SimpleAuthBuilder.Complete auth = credentials.username() != null
                    ? Mqtt5SimpleAuth.builder().username(credentials.username())
                    : Mqtt5SimpleAuth.builder().password(password);
            if (credentials.username() != null && password != null) {
                auth.password(password);
            }
            versioned.simpleAuth(auth.build());
        }
        Mqtt5AsyncClient client = versioned.buildAsync();
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> arrivals.accept(new Arrival(p.getTopic().toString(),
                p.getQos().getCode(), p.isRetain(), p.getPayloadAsBytes().length, clock.instant())));
        return new BrokerSession() {
            @Override
            public void connect() {
                client.connectWith().cleanStart(true).send();
            }

            @Override
            public CompletableFuture<?> subscribe(String topic) {
                return client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
            }

            @Override
            public void unsubscribe(String topic) {
                client.unsubscribeWith().topicFilter(topic).send();
            }

            @Override
            public void disconnect() {
                client.disconnect();
            }
        };
    }

    /** An MQTT 3.1.1 session over the HiveMQ MQTT client (a password needs a user name in 3.1.1). */
    static BrokerSession mqtt3(MqttClientBuilder builder, Credentials credentials, Clock clock,
                               Consumer<Arrival> arrivals) {
        var versioned = builder.useMqttVersion3();
        if (credentials.username() != null) {
            var auth = Mqtt3SimpleAuth.builder().username(credentials.username());
            if (credentials.password() != null) {
                auth.password(credentials.password().getBytes(StandardCharsets.UTF_8));
            }
            versioned.simpleAuth(auth.build());
        }
        Mqtt3AsyncClient client = versioned.buildAsync();
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> arrivals.accept(new Arrival(p.getTopic().toString(),
                p.getQos().getCode(), p.isRetain(), p.getPayloadAsBytes().length, clock.instant())));
        return new BrokerSession() {
            @Override
            public void connect() {
                client.connectWith().cleanSession(true).send();
            }

            @Override
            public CompletableFuture<?> subscribe(String topic) {
                return client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            }

            @Override
            public void unsubscribe(String topic) {
                client.unsubscribeWith().topicFilter(topic).send();
            }

            @Override
            public void disconnect() {
                client.disconnect();
            }
        };
    }
}
