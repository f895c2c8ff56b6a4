package dev.faultlab.broker;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare MQTT client on a plain socket, for what a library client will not do: speak MQTT 3.1,
 * and vanish without a DISCONNECT so that the broker publishes the will. It sends one CONNECT
 * (optionally with a will, and for MQTT 5 a session expiry and a will delay) and reads the CONNACK.
 */
final class RawMqttClient implements AutoCloseable {
    static final int MQTT_3_1 = 3;
    static final int MQTT_3_1_1 = 4;
    static final int MQTT_5 = 5;

    private static final int SESSION_EXPIRY_INTERVAL = 0x11;
    private static final int WILL_DELAY_INTERVAL = 0x18;

    private final Socket socket;

    private RawMqttClient(Socket socket) {
        this.socket = socket;
    }

    /** A will: topic and payload, QoS 0, not retained; {@code delaySeconds} only with MQTT 5. */
    record Will(String topic, String payload, int delaySeconds) {
    }

    /**
     * Connects and returns once the CONNACK arrived.
     *
     * @param sessionExpirySeconds MQTT 5 only, 0 for none
     * @param will the will, or null
     */
    static RawMqttClient connect(int port, int version, String clientId, int sessionExpirySeconds, Will will)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        RawMqttClient client = new RawMqttClient(socket);
        socket.getOutputStream().write(connectPacket(version, clientId, sessionExpirySeconds, will));
        socket.getOutputStream().flush();
        client.readConnack();
        return client;
    }

    /** Closes the TCP connection without an MQTT DISCONNECT: to the broker, the client is gone. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readConnack() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        byte[] rest = new byte[length];
        in.readFully(rest);
        if (type != 0x20 || length < 2 || rest[1] != 0) {
            throw new IOException("connection refused: CONNACK type " + type + ", code " + (length < 2 ? -1 : rest[1]));
        }
    }

    private static byte[] connectPacket(int version, String clientId, int sessionExpirySeconds, Will will) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, version == MQTT_3_1 ? "MQIsdp" : "MQTT");
        body.write(version);
        int flags = 0x02;                                   // clean session / clean start
        if (will != null) {
            flags |= 0x04;                                  // will flag, will QoS 0, not retained
        }
        body.write(flags);
        body.write(0);                                      // keep alive: 60 s
        body.write(60);
        if (version == MQTT_5) {
            ByteArrayOutputStream properties = new ByteArrayOutputStream();
            if (sessionExpirySeconds > 0) {
                properties.write(SESSION_EXPIRY_INTERVAL);
                writeInt(properties, sessionExpirySeconds);
            }
            writeVariableInt(body, properties.size());
            body.writeBytes(properties.toByteArray());
        }
        writeString(body, clientId);
        if (will != null) {
            if (version == MQTT_5) {
                ByteArrayOutputStream willProperties = new ByteArrayOutputStream();
                if (will.delaySeconds() > 0) {
                    willProperties.write(WILL_DELAY_INTERVAL);
                    writeInt(willProperties, will.delaySeconds());
                }
                writeVariableInt(body, willProperties.size());
                body.writeBytes(willProperties.toByteArray());
            }
            writeString(body, will.topic());
            writeString(body, will.payload());
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);                                 // CONNECT
        writeVariableInt(packet, body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write((value >>> 16) & 0xFF);
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    private static void writeVariableInt(ByteArrayOutputStream out, int value) {
        int rest = value;
        do {
            int digit = rest & 0x7F;
            rest >>>= 7;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }
}
