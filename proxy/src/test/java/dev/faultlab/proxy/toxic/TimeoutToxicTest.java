package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void dropsDataAndClosesAfterTheTimeout() {
        host = VirtualHost.with(new TimeoutToxic(1000));
        host.send(10, 0);
        host.advanceMillis(500);
        host.send(10, 0);
        host.end();
        host.advanceMillis(499);
        assertThat(host.closedBy).isEmpty();
        host.advanceMillis(1);
        assertThat(host.closedBy).containsExactly("t0");
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedBytes).isEqualTo(20);
    }

    @Test
    void zeroDropsForeverAndKeepsTheConnectionOpen() {
        host = VirtualHost.with(new TimeoutToxic(0));
        host.send(10, 0);
        host.advanceMillis(3_600_000);
        assertThat(host.closedBy).isEmpty();
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedChunks).isEqualTo(1);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void removalClosesTheConnection() {
        host = VirtualHost.with(new TimeoutToxic(0));
        host.send(10, 0);
        host.chain.update(List.of());
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void anUpdateDoesNotCloseAndRestartsTheTimer() {
        host = VirtualHost.with(new TimeoutToxic(1000));
        host.advanceMillis(900);
        host.chain.update(List.of(VirtualHost.definition("t0", new TimeoutToxic(500))));
        assertThat(host.closedBy).isEmpty();
        host.advanceMillis(499);
        assertThat(host.closedBy).isEmpty();
        host.advanceMillis(1);
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void discardStopsTheTimer() {
        host = VirtualHost.with(new TimeoutToxic(1000));
        host.chain.discard();
        host.advanceMillis(2000);
        assertThat(host.closedBy).isEmpty();
    }

    @Test
    void aNegativeTimeoutIsRejected() {
        assertThatThrownBy(() -> new TimeoutToxic(-1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        host = VirtualHost.with();
    }
}
