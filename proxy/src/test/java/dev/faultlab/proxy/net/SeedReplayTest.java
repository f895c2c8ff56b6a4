package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --seed} reaches the toxics' random choices: with a toxicity of 0.5, which of a sequence of
 * connections a toxic hits is the same for the same seed and differs for another seed.
 */
class SeedReplayTest {

    @Test
    void theSameSeedReplaysTheSameToxicityRolls() throws Exception {
        String first = hitPattern(7);
        assertThat(first).contains("hit").contains("pass");
        assertThat(hitPattern(7)).isEqualTo(first);
        assertThat(hitPattern(8)).isNotEqualTo(first);
    }

    /** For 24 connections in turn: "hit" when a limit_data of 0 bytes closed it, "pass" when it echoed. */
    private static String hitPattern(long seed) throws Exception {
        StringBuilder pattern = new StringBuilder();
        try (EchoServer echo = new EchoServer();
             ProxyFixture fixture = new ProxyFixture(seed, ConnectionListener.NONE, TrafficMeter.Factory.NONE)) {
            ProxyState proxy = fixture.proxy("dice", echo.address());
            fixture.registry().addToxic("dice", new ToxicRequest("cut", "limit_data", "upstream", 0.5,
                    Map.of("bytes", 0)));
            for (int i = 0; i < 24; i++) {
                try (Socket socket = fixture.connect(proxy)) {
                    socket.getOutputStream().write(1);
                    pattern.append(socket.getInputStream().read() < 0 ? "hit " : "pass ");
                }
            }
        }
        return pattern.toString();
    }
}
