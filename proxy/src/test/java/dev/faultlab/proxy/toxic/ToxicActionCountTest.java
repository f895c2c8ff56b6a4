package dev.faultlab.proxy.toxic;

import static dev.faultlab.proxy.toxic.VirtualHost.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the chain counts as each toxic's actions, on virtual time. */
class ToxicActionCountTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void chunksALatencyPassesOnLaterAreDelayed() {
        host = VirtualHost.with(new LatencyToxic(10, 0));
        host.send(4, 0);
        host.send(4, 4);
        assertThat(host.actions).isEmpty();
        host.advanceMillis(10);
        assertThat(host.actions).isEqualTo(Map.of(ToxicAction.DELAYED, 2));
    }

    @Test
    void whatARateOfZeroKeepsUntilRemovalIsHeld() {
        host = VirtualHost.with(new BandwidthToxic(0));
        host.send(4, 0);
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(1);
        assertThat(host.actions).isEqualTo(Map.of(ToxicAction.HELD, 1));
    }

    @Test
    void aReplacementTakesTheQueueWithoutCountingIt() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(4, 0);
        host.chain.update(List.of(definition("t0", new LatencyToxic(50, 0))));
        host.advanceMillis(50);
        assertThat(host.actions).isEqualTo(Map.of(ToxicAction.DELAYED, 1));
    }

    @Test
    void aTimeoutDropsThenCloses() {
        host = VirtualHost.with(new TimeoutToxic(20));
        host.send(4, 0);
        host.advanceMillis(20);
        assertThat(host.actions).isEqualTo(Map.of(ToxicAction.DROPPED, 1, ToxicAction.CLOSED, 1));
    }

    @Test
    void whatAClosedConnectionDiscardsIsNotCountedAsDropped() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(4, 0);
        host.chain.discard();
        assertThat(host.actions).isEmpty();
    }
}
