package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fault_applied} and {@code fault_cleared} on real connections. */
class FaultEventsSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<ProxyEvent> seen = new CopyOnWriteArrayList<>();
    private EchoServer echo;
    private ProxyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        EventBus events = new EventBus();
        events.subscribe(Set.of("connection_opened", "fault_applied", "fault_cleared"), seen::add);
        fixture = new ProxyFixture(events);
        fixture.proxy("p", echo.address());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        echo.close();
    }

    @Test
    void aToxicAddedToALiveConnectionIsAppliedAndClearedWhenRemoved() throws Exception {
        try (Socket socket = fixture.connect(fixture.registry().get("p"))) {
            await().atMost(WAIT).until(() -> types().contains("connection_opened"));
            fixture.toxic("p", "slow", "latency", "downstream", Map.of("latency", 1));
            fixture.registry().removeToxic("p", "slow");
            await().atMost(WAIT).until(() -> types().size() == 3);
            assertThat(types()).containsExactly("connection_opened", "fault_applied", "fault_cleared");
            ConnectionEvent.FaultApplied applied = (ConnectionEvent.FaultApplied) seen.get(1);
            assertThat(applied.toxic()).isEqualTo("slow");
            assertThat(applied.toxicType()).isEqualTo("latency");
            assertThat(applied.direction()).isEqualTo("downstream");
            assertThat(applied.connection()).isEqualTo(seen.get(0).connection());
        }
    }

    @Test
    void aConnectionOpeningUnderAToxicIsAppliedAfterItOpens() throws Exception {
        fixture.toxic("p", "slow", "latency", "upstream", Map.of("latency", 1));
        try (Socket socket = fixture.connect(fixture.registry().get("p"))) {
            await().atMost(WAIT).until(() -> types().size() == 2);
            assertThat(types()).containsExactly("connection_opened", "fault_applied");
            assertThat(((ConnectionEvent.FaultApplied) seen.get(1)).direction()).isEqualTo("upstream");
        }
    }

    private List<String> types() {
        return seen.stream().map(ProxyEvent::type).toList();
    }
}
