package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.testing.ProxyFixture;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The server's lifecycle as the composition root uses it: start on a port, report it, close. */
class ApiServerTest {

    @Test
    void startsOnAFreePortAndReportsIt() throws IOException {
        try (ProxyFixture fixture = new ProxyFixture();
             ApiServer api = new ApiServer(fixture.registry(), new PrometheusRegistry(), ApiServer.Options.defaults("1"))) {
            api.start("127.0.0.1", 0);

            assertThat(api.port()).isPositive();
            assertThatThrownBy(() -> api.start("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void portBeforeStartIsAnError() {
        try (ProxyFixture fixture = new ProxyFixture();
             ApiServer api = new ApiServer(fixture.registry(), new PrometheusRegistry(), ApiServer.Options.defaults("1"))) {
            assertThatThrownBy(api::port).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aTakenPortFailsTheStartWithAnIoException() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ProxyFixture fixture = new ProxyFixture();
             ApiServer api = new ApiServer(fixture.registry(), new PrometheusRegistry(), ApiServer.Options.defaults("1"))) {
            assertThatThrownBy(() -> api.start("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void closingLeavesTheProxiesRunning() throws IOException {
        try (ProxyFixture fixture = new ProxyFixture()) {
            fixture.registry().create(new ProxyRequest("mqtt", "127.0.0.1:0", "127.0.0.1:1", true));
            ApiServer api = new ApiServer(fixture.registry(), new PrometheusRegistry(), ApiServer.Options.defaults("1"));
            api.start("127.0.0.1", 0);

            api.close();

            assertThat(fixture.registry().get("mqtt").enabled()).isTrue();
        }
    }
}
