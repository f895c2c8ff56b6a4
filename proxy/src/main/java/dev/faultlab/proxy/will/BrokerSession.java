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
import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The watcher's MQTT connection to one broker in one protocol version: MQTT 5 (subscriptions ask
 * the broker not to send stored retained messages) or 3.1.1. Clean session, QoS 1 subscriptions,
 * every received message handed on as an {@link Arrival} stamped on receipt.
 *
 * @param connect     starts connecting
 * @param subscribe   subscribes to a topic; completes when the broker acknowledged it
 * @param unsubscribe unsubscribes from a topic
 * @param disconnect  sends DISCONNECT and closes
 */
record BrokerSession(Runnable connect, Function<String, CompletableFuture<?>> subscribe,
                     Consumer<String> unsubscribe, Runnable disconnect) {

    /** An MQTT 5 session over the HiveMQ MQTT client. */
    static BrokerSession mqtt5(MqttClientBuilder builder, Credentials credentials, Clock clock,
                               Consumer<Arrival> arrivals) {
        var versioned = builder.useMqttVersion5();
        if (credentials.present()) {
            byte[] password = bytes(credentials.password());
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
                p.getQos().getCode(), p.isRetain(), PayloadDigest.of(p.getPayloadAsBytes()), clock.instant())));
        return new BrokerSession(() -> client.connectWith().cleanStart(true).send(),
                topic -> client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send(),
                topic -> client.unsubscribeWith().topicFilter(topic).send(),
                client::disconnect);
    }

    /** An MQTT 3.1.1 session over the HiveMQ MQTT client (a password needs a user name in 3.1.1). */
    static BrokerSession mqtt3(MqttClientBuilder builder, Credentials credentials, Clock clock,
                               Consumer<Arrival> arrivals) {
        var versioned = builder.useMqttVersion3();
        if (credentials.username() != null) {
            var auth = Mqtt3SimpleAuth.builder().username(credentials.username());
            if (credentials.password() != null) {
                auth.password(bytes(credentials.password()));
            }
            versioned.simpleAuth(auth.build());
        }
        Mqtt3AsyncClient client = versioned.buildAsync();
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, p -> arrivals.accept(new Arrival(p.getTopic().toString(),
                p.getQos().getCode(), p.isRetain(), PayloadDigest.of(p.getPayloadAsBytes()), clock.instant())));
        return new BrokerSession(() -> client.connectWith().cleanSession(true).send(),
                topic -> client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send(),
                topic -> client.unsubscribeWith().topicFilter(topic).send(),
                client::disconnect);
    }

    private static byte[] bytes(String password) {
        return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }
}
