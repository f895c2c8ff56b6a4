package dev.faultlab.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.emulator.FakeBroker.Sent;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An inbound PUBLISH longer than {@code buffer_size} reaches the application as several DATA events:
 * the first with the topic and what fits in the buffer after the headers, then a buffer at a time,
 * each with the total length and its offset. One PUBACK for the whole message.
 */
class DataChunksTest {
    private static final String TOPIC = "cmd/fw";

    /** A QoS 1 PUBLISH as the decoder hands it on: the remaining length is 2 + 6 (topic) + 2 (id) + payload. */
    private static MqttPublishMessage publish(byte[] payload) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 10 + payload.length),
                new MqttPublishVariableHeader(TOPIC, 42), Unpooled.wrappedBuffer(payload));
    }

    private static List<EspEvent.Data> deliver(int bufferSize, byte[] payload) {
        VirtualDevice bench = new VirtualDevice(DeviceConfig.builder("broker", 1883, 41).timings(Timings.COMPRESSED)
                .bufferSize(bufferSize).build(), 41);
        bench.device.start();
        bench.clock.advance(0);
        bench.broker.current().deliver(publish(payload));
        assertThat(bench.broker.sent(MqttMessageType.PUBACK)).extracting(Sent::msgId).containsExactly(42);
        return bench.eventValues().stream().filter(EspEvent.Data.class::isInstance).map(EspEvent.Data.class::cast)
                .toList();
    }

    @Test
    void aPublishLongerThanTheBufferArrivesInBufferSizedParts() {
        byte[] payload = new byte[2_500];
        new SplittableRandom(1).nextBytes(payload);

        List<EspEvent.Data> parts = deliver(DeviceConfig.DEFAULT_BUFFER_SIZE, payload);

        int headers = 3 + 10;
        assertThat(parts).extracting(EspEvent.Data::currentDataOffset).containsExactly(0, 1024 - headers, 2048 - headers);
        assertThat(parts).extracting(d -> d.payload().length).containsExactly(1024 - headers, 1024, 2500 - 2048 + headers);
        assertThat(parts).extracting(EspEvent.Data::totalDataLength).containsOnly(2_500);
        assertThat(parts).extracting(EspEvent.Data::topic).containsExactly(TOPIC, "", "");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        parts.forEach(p -> joined.writeBytes(p.payload()));
        assertThat(joined.toByteArray()).isEqualTo(payload);
    }

    @Test
    void aPublishThatFitsIsOneEvent() {
        List<EspEvent.Data> whole = deliver(DeviceConfig.DEFAULT_BUFFER_SIZE, new byte[1024 - 13]);
        assertThat(whole).singleElement().extracting(EspEvent.Data::totalDataLength, EspEvent.Data::currentDataOffset)
                .containsExactly(1011, 0);

        assertThat(deliver(4096, new byte[2_500])).as("a larger buffer_size").hasSize(1);
        assertThat(deliver(DeviceConfig.DEFAULT_BUFFER_SIZE, new byte[1024 - 12])).hasSize(2);
    }
}
