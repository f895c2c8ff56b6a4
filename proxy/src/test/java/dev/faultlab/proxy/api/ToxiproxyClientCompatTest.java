package dev.faultlab.proxy.api;

import static dev.faultlab.proxy.api.ApiTestServer.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.testing.EchoServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real Toxiproxy Java client (toxiproxy-java 2.1.7) drives every route of the API. */
class ToxiproxyClientCompatTest {
    private ApiTestServer server;
    private EchoServer echo;
    private EchoServer otherEcho;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = new ApiTestServer();
        echo = new EchoServer();
        otherEcho = new EchoServer();
        client = new ToxiproxyClient("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
        otherEcho.close();
    }

    @Test
    void createsListsSortedAndGetsProxies() throws IOException {
        Proxy created = client.createProxy("mqtt", "127.0.0.1:0", echo.address());
        client.createProxy("api", "127.0.0.1:0", echo.address());
        client.createProxy("zeta", "127.0.0.1:0", echo.address());

        assertThat(created.getName()).isEqualTo("mqtt");
        assertThat(created.getListen()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(created.getUpstream()).isEqualTo(echo.address());
        assertThat(created.isEnabled()).isTrue();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("api", "mqtt", "zeta");

        Proxy fetched = client.getProxy("mqtt");
        assertThat(fetched.getListen()).isEqualTo(created.getListen());
        assertThat(fetched.getUpstream()).isEqualTo(echo.address());
        assertThat(roundTrip(fetched.getListen(), "hello")).isEqualTo("hello");
    }

    @Test
    void duplicateProxyIsAConflict() throws IOException {
        client.createProxy("mqtt", "127.0.0.1:0", echo.address());

        assertThatThrownBy(() -> client.createProxy("mqtt", "127.0.0.1:0", echo.address()))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] proxy already exists");
    }

    @Test
    void missingProxyIsNotFound() {
        assertThatThrownBy(() -> client.getProxy("nope"))
                .isInstanceOf(IOException.class)
                .hasMessage("[404] proxy not found");
        assertThat(client.getProxyOrNull("nope")).isNull();
    }

    @Test
    void updatesListenAndUpstream() throws IOException {
        Proxy proxy = client.createProxy("mqtt", "127.0.0.1:0", echo.address());
        String firstListen = proxy.getListen();

        proxy.setListen("127.0.0.1:0");
        proxy.setUpstream(otherEcho.address());

        Proxy fetched = client.getProxy("mqtt");
        assertThat(fetched.getListen()).isEqualTo(proxy.getListen()).isNotEqualTo(firstListen);
        assertThat(fetched.getUpstream()).isEqualTo(otherEcho.address());
        assertThat(roundTrip(fetched.getListen(), "moved")).isEqualTo("moved");
        assertThat(refused(firstListen)).isTrue();
    }

    @Test
    void disablesAndEnables() throws IOException {
        Proxy proxy = client.createProxy("mqtt", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();

        proxy.disable();
        assertThat(proxy.isEnabled()).isFalse();
        assertThat(client.getProxy("mqtt").isEnabled()).isFalse();
        assertThat(refused(listen)).isTrue();

        proxy.enable();
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(client.getProxy("mqtt").isEnabled()).isTrue();
        assertThat(roundTrip(client.getProxy("mqtt").getListen(), "back")).isEqualTo("back");
    }

    @Test
    void deletes() throws IOException {
        Proxy proxy = client.createProxy("mqtt", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();

        proxy.delete();

        assertThat(client.getProxyOrNull("mqtt")).isNull();
        assertThat(client.getProxies()).isEmpty();
        assertThat(refused(listen)).isTrue();
    }

    @Test
    void resetEnablesEveryProxyAndRemovesEveryToxic() throws IOException {
        Proxy first = client.createProxy("first", "127.0.0.1:0", echo.address());
        Proxy second = client.createProxy("second", "127.0.0.1:0", echo.address());
        first.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        second.toxics().bandwidth("thin", ToxicDirection.UPSTREAM, 10);
        second.disable();

        client.reset();

        for (Proxy proxy : client.getProxies()) {
            assertThat(proxy.isEnabled()).isTrue();
            assertThat(proxy.toxics().getAll()).isEmpty();
        }
    }

    @Test
    void reportsTheVersion() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\":\"" + ApiTestServer.VERSION + "\"}");
    }

    @ParameterizedTest
    @EnumSource(ToxicDirection.class)
    void everyStandardToxicIsCreatedReadUpdatedAndRemoved(ToxicDirection direction) throws IOException {
        ToxicList toxics = client.createProxy("mqtt", "127.0.0.1:0", echo.address()).toxics();

        Latency latency = toxics.latency("latency", direction, 100);
        assertThat(latency.getLatency()).isEqualTo(100);
        assertThat(latency.getJitter()).isZero();
        latency.setLatency(250).setJitter(20);
        Latency latencyRead = toxics.get("latency", Latency.class);
        assertThat(latencyRead.getLatency()).isEqualTo(250);
        assertThat(latencyRead.getJitter()).isEqualTo(20);

        Bandwidth bandwidth = toxics.bandwidth("bandwidth", direction, 64);
        assertThat(bandwidth.getRate()).isEqualTo(64);
        bandwidth.setRate(0);
        assertThat(toxics.get("bandwidth", Bandwidth.class).getRate()).isZero();

        SlowClose slowClose = toxics.slowClose("slow_close", direction, 300);
        assertThat(slowClose.getDelay()).isEqualTo(300);
        slowClose.setDelay(400);
        assertThat(toxics.get("slow_close", SlowClose.class).getDelay()).isEqualTo(400);

        Timeout timeout = toxics.timeout("timeout", direction, 1000);
        assertThat(timeout.getTimeout()).isEqualTo(1000);
        timeout.setTimeout(0);
        assertThat(toxics.get("timeout", Timeout.class).getTimeout()).isZero();

        Slicer slicer = toxics.slicer("slicer", direction, 16, 10);
        assertThat(slicer.getAverageSize()).isEqualTo(16);
        assertThat(slicer.getSizeVariation()).isZero();
        assertThat(slicer.getDelay()).isEqualTo(10);
        slicer.setAverageSize(32).setSizeVariation(8).setDelay(50);
        Slicer slicerRead = toxics.get("slicer", Slicer.class);
        assertThat(slicerRead.getAverageSize()).isEqualTo(32);
        assertThat(slicerRead.getSizeVariation()).isEqualTo(8);
        assertThat(slicerRead.getDelay()).isEqualTo(50);

        LimitData limitData = toxics.limitData("limit_data", direction, 1024);
        assertThat(limitData.getBytes()).isEqualTo(1024);
        limitData.setBytes(2048);
        assertThat(toxics.get("limit_data", LimitData.class).getBytes()).isEqualTo(2048);

        ResetPeer resetPeer = toxics.resetPeer("reset_peer", direction, 50);
        assertThat(resetPeer.getTimeout()).isEqualTo(50);
        resetPeer.setTimeout(75);
        assertThat(toxics.get("reset_peer", ResetPeer.class).getTimeout()).isEqualTo(75);

        List<? extends Toxic> all = toxics.getAll();
        assertThat(all).extracting(Toxic::getName).containsExactly(
                "latency", "bandwidth", "slow_close", "timeout", "slicer", "limit_data", "reset_peer");
        assertThat(all).extracting(Toxic::getClass).containsExactly(Latency.class, Bandwidth.class,
                SlowClose.class, Timeout.class, Slicer.class, LimitData.class, ResetPeer.class);
        assertThat(all).allSatisfy(toxic -> {
            assertThat(toxic.getStream()).isEqualTo(direction);
            assertThat(toxic.getToxicity()).isEqualTo(1.0f);
        });

        for (Toxic toxic : all) {
            toxic.setToxicity(0.25f);
            assertThat(toxic.getToxicity()).isEqualTo(0.25f);
        }
        assertThat(toxics.getAll()).extracting(Toxic::getToxicity).containsOnly(0.25f);
        assertThat(toxics.get("latency", Latency.class).getLatency()).isEqualTo(250);

        for (Toxic toxic : all) {
            toxic.remove();
        }
        assertThat(toxics.getAll()).isEmpty();
        assertThatThrownBy(() -> toxics.get("latency"))
                .isInstanceOf(IOException.class)
                .hasMessage("[404] toxic not found");
    }

    @Test
    void duplicateToxicIsAConflict() throws IOException {
        ToxicList toxics = client.createProxy("mqtt", "127.0.0.1:0", echo.address()).toxics();
        toxics.latency("slow", ToxicDirection.UPSTREAM, 10);

        assertThatThrownBy(() -> toxics.latency("slow", ToxicDirection.DOWNSTREAM, 10))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] toxic already exists");
    }

    private static boolean refused(String listen) throws IOException {
        String[] hostPort = listen.split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5_000);
            return !socket.isConnected();
        } catch (ConnectException e) {
            return true;
        }
    }
}
