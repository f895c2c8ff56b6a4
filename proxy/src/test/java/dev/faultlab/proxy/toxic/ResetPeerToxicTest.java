package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResetPeerToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void theFirstDataIsDroppedAndTheConnectionResetAfterTheTimeout() {
        host = VirtualHost.with(new ResetPeerToxic(200));
        host.advanceMillis(1000);
        assertThat(host.resetBy).isEmpty();
        host.send(10, 0);
        host.advanceMillis(100);
        host.send(10, 0);
        host.end();
        host.advanceMillis(99);
        assertThat(host.resetBy).isEmpty();
        host.advanceMillis(1);
        assertThat(host.resetBy).containsExactly("t0");
        assertThat(host.closedBy).isEmpty();
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedBytes).isEqualTo(20);
    }

    @Test
    void zeroResetsAtOnce() {
        host = VirtualHost.with(new ResetPeerToxic(0));
        host.send(10, 0);
        host.advance(0);
        assertThat(host.resetBy).containsExactly("t0");
    }

    @Test
    void anEndBeforeAnyDataPasses() {
        host = VirtualHost.with(new ResetPeerToxic(0));
        host.end();
        assertThat(host.delivered).hasSize(1);
        assertThat(host.resetBy).isEmpty();
    }

    @Test
    void aNegativeTimeoutIsRejected() {
        assertThatThrownBy(() -> new ResetPeerToxic(-1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        host = VirtualHost.with();
    }
}
