package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.net.Connection;
import dev.faultlab.proxy.net.HostPort;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Issue item 7, the cuts: a connection to Mosquitto cut through the proxy with FIN reaches the
 * client as end of stream, with RST as a connection reset.
 */
class CutTest extends ProxiedMosquittoTest {
    private static final byte[] CONNACK_ACCEPTED = HexFormat.of().parseHex("20020000");


    @Test
    void aFinCutReachesTheClientAsEndOfStream() throws Exception {
        try (Socket client = connected("cut-fin")) {
            connectionOf("cut-fin").closeAsync(CloseCause.API_CUT, false);

            assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        assertThat(events.awaitClosed("cut-fin").cause()).isEqualTo("api_cut");
    }

    @Test
    void anRstCutReachesTheClientAsConnectionReset() throws Exception {
        try (Socket client = connected("cut-rst")) {
            connectionOf("cut-rst").closeAsync(CloseCause.API_CUT, true);

            InputStream in = client.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(events.awaitClosed("cut-rst").cause()).isEqualTo("api_cut");
    }

    /** A raw MQTT 3.1.1 client through the proxy, past its CONNACK. */
    private Socket connected(String clientId) throws Exception {
        HostPort listen = proxy.listen("mqtt");
        Socket socket = new Socket(listen.host(), listen.port());
        try (MqttBytes encoder = new MqttBytes(MqttVersion.MQTT_3_1_1)) {
            socket.setSoTimeout((int) EventLog.WAIT.toMillis());
            socket.getOutputStream().write(encoder.encode(MqttBytes.connect(clientId, MqttVersion.MQTT_3_1_1)));
            assertThat(socket.getInputStream().readNBytes(CONNACK_ACCEPTED.length)).isEqualTo(CONNACK_ACCEPTED);
            events.await(PacketEvent.Connack.class, c -> clientId.equals(c.clientId()));
            return socket;
        } catch (Exception | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    private Connection connectionOf(String clientId) {
        return ProxyConnections.of(proxy, "mqtt", clientId);
    }
}
