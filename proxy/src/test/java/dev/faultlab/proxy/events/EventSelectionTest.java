package dev.faultlab.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Filters by proxy, type and client id glob; the client id selects whole connections. */
class EventSelectionTest {
    private static final Instant T = Instant.EPOCH;
    private final List<ProxyEvent> out = new ArrayList<>();

    @Test
    void eventsBeforeTheConnectFollowAMatchingClient() {
        EventSelection selection = new EventFilter(null, Set.of(), "esp32-*").open(out::add);
        ProxyEvent opened = opened(1);
        ProxyEvent connect = connect(1, "esp32-a1");

        selection.accept(opened);
        assertThat(out).isEmpty();
        selection.accept(connect);
        selection.accept(closed(1, "esp32-a1"));

        assertThat(out).extracting(ProxyEvent::type).containsExactly("connection_opened", "connect",
                "connection_closed");
        assertThat(out.get(0)).isSameAs(opened);
    }

    @Test
    void otherClientsAndUnnamedConnectionsAreLeftOut() {
        EventSelection selection = new EventFilter(null, Set.of(), "esp32-?1").open(out::add);

        selection.accept(opened(1));
        selection.accept(connect(1, "sensor-1"));
        selection.accept(closed(1, "sensor-1"));
        selection.accept(opened(2));
        selection.accept(new ConnectionEvent.Raw(T, 2, "mqtt", null, "upstream", "not mqtt", false));
        selection.accept(closed(2, null));
        selection.accept(opened(3));
        selection.accept(connect(3, "esp32-b1"));

        assertThat(out).extracting(ProxyEvent::connection).containsExactly(3L, 3L);
    }

    @Test
    void typesAndProxyNarrowTheSelection() {
        EventSelection selection = new EventFilter("mqtt", Set.of("connect", "connection_opened"), "*")
                .open(out::add);

        selection.accept(opened(1));
        selection.accept(connect(1, "a"));
        selection.accept(new PacketEvent.PingRequest(T, 1, "mqtt", "a"));
        selection.accept(new PacketEvent.Connect(T, 2, "other", "a", "5", null, 0, true, null, null, null, null,
                null, null, null, null));

        assertThat(out).extracting(ProxyEvent::type).containsExactly("connection_opened", "connect");
        assertThat(out).extracting(ProxyEvent::proxy).containsOnly("mqtt");
    }

    @Test
    void withoutAClientIdEveryEventPassesAtOnce() {
        EventSelection selection = EventFilter.ALL.open(out::add);

        selection.accept(opened(1));
        selection.accept(closed(1, null));

        assertThat(out).extracting(ProxyEvent::type).containsExactly("connection_opened", "connection_closed");
    }

    @Test
    void globCharactersAreTheOnlySpecialOnes() {
        EventSelection selection = new EventFilter(null, Set.of(), "a.b+[c]*").open(out::add);

        selection.accept(connect(1, "a.b+[c]-1"));
        selection.accept(connect(2, "axb+[c]-1"));

        assertThat(out).extracting(ProxyEvent::connection).containsExactly(1L);
    }

    private static ProxyEvent opened(long connection) {
        return new ConnectionEvent.Opened(T, connection, "mqtt", null, "127.0.0.1:1");
    }

    private static ProxyEvent connect(long connection, String clientId) {
        return new PacketEvent.Connect(T, connection, "mqtt", clientId, "3.1.1", null, 30, true, null, null, null,
                null, null, null, null, null);
    }

    private static ProxyEvent closed(long connection, String clientId) {
        return new ConnectionEvent.Closed(T, connection, "mqtt", clientId, "client_fin", null, 5);
    }
}
