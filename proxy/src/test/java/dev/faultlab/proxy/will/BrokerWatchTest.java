package dev.faultlab.proxy.will;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.net.HostPort;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import dev.faultlab.proxy.mqtt.codec.PayloadDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's broker client against a scripted MQTT 3.1.1-only broker on a real socket: it
 * refuses the MQTT 5 CONNECT the way a 3.1.1 broker does, so the client connects again in 3.1.1,
 * with the credentials, subscribes, and hands on what arrives with its retain flag.
 */
class BrokerWatchTest {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final byte[] REFUSED_PROTOCOL_VERSION = HexFormat.of().parseHex("20020001");
    private static final byte[] ACCEPTED = HexFormat.of().parseHex("20020000");
    /** In a CONNECT with a one-byte remaining length: fixed header 2, "MQTT" 6, level 1. */
    private static final int CONNECT_FLAGS_AT = 9;

    private final ExecutorService confined = Executors.newSingleThreadExecutor();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        confined.shutdown();
        confined.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aBrokerThatRefusesMqtt5IsSpokenToInMqtt311() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            broker.setSoTimeout(TIMEOUT_MILLIS);
            BrokerWatch watch = confined.submit(() -> new BrokerWatch(new HostPort("127.0.0.1", broker.getLocalPort()),
                    new Credentials("watcher", "s3cret"), confined, Clock.systemUTC(), arrivals::add)).get();
            try (Socket first = accept(broker)) {
                byte[] connect = readPacket(first);
                assertThat(connect[0]).as("CONNECT").isEqualTo((byte) 0x10);
                assertThat(protocolLevel(connect)).as("MQTT 5 first").isEqualTo(5);
                first.getOutputStream().write(REFUSED_PROTOCOL_VERSION);
            }
            try (Socket second = accept(broker)) {
                byte[] connect = readPacket(second);
                assertThat(protocolLevel(connect)).as("then MQTT 3.1.1").isEqualTo(4);
                assertThat(connect[CONNECT_FLAGS_AT] & 0xC0).as("user name and password flags").isEqualTo(0xC0);
                assertThat(new String(connect, StandardCharsets.ISO_8859_1)).contains("watcher", "s3cret");
                OutputStream out = second.getOutputStream();
                out.write(ACCEPTED);
                confined.execute(() -> watch.subscribe("status/a"));

                byte[] subscribe = readPacket(second);
                assertThat(subscribe[0]).as("SUBSCRIBE").isEqualTo((byte) 0x82);
                assertThat(new String(subscribe, StandardCharsets.ISO_8859_1)).contains("status/a");
                assertThat(subscribe[subscribe.length - 1]).as("QoS 1").isEqualTo((byte) 1);
                out.write(new byte[] {(byte) 0x90, 3, subscribe[2], subscribe[3], 1});
                await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> watch.watching("status/a"));

                out.write(publish("status/a", "old", true));
                out.write(publish("status/a", "offline", false));
                await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> arrivals.size() == 2);
                assertThat(arrivals).extracting(Arrival::topic, Arrival::retain, Arrival::payload)
                        .containsExactly(tuple("status/a", true, PayloadDigest.of("old".getBytes(StandardCharsets.UTF_8))),
                                tuple("status/a", false, PayloadDigest.of("offline".getBytes(StandardCharsets.UTF_8))));
                confined.execute(watch::close);
                assertThat(readPacket(second)[0]).as("DISCONNECT").isEqualTo((byte) 0xE0);
            }
        }
    }

    private static Socket accept(ServerSocket broker) throws IOException {
        Socket socket = broker.accept();
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    /** A whole packet: fixed header byte, remaining length, rest. */
    private static byte[] readPacket(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int type = in.readUnsignedByte();
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        byte[] packet = new byte[2 + length];
        packet[0] = (byte) type;
        packet[1] = (byte) length;
        in.readFully(packet, 2, length);
        return packet;
    }

    /** The protocol level of a CONNECT with a one-byte remaining length: after "MQTT". */
    private static int protocolLevel(byte[] connect) {
        return connect[CONNECT_FLAGS_AT - 1];
    }

    /** A QoS 0 PUBLISH, retained or not. */
    private static byte[] publish(String topic, String payload, boolean retain) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        byte[] packet = new byte[2 + 2 + name.length + body.length];
        packet[0] = (byte) (retain ? 0x31 : 0x30);
        packet[1] = (byte) (2 + name.length + body.length);
        packet[3] = (byte) name.length;
        System.arraycopy(name, 0, packet, 4, name.length);
        System.arraycopy(body, 0, packet, 4 + name.length, body.length);
        return packet;
    }
}
