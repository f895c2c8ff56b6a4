package dev.faultlab.proxy.toxic.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultlab.proxy.toxic.VirtualHost;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code zero_window} and {@code half_open} on virtual time: what they ask of the connection. */
class ConnectionFaultsTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void zeroWindowPausesTheSourceAndRemovalResumesIt() {
        host = VirtualHost.with(new ZeroWindowToxic(null));
        assertThat(host.pauses).isEqualTo(1);
        assertThat(host.receiveBuffer).as("by default the receive buffer is left as it is").isZero();
        host.send(10, 0);
        assertThat(host.deliveredBytes()).hasSize(10);

        host.chain.update(List.of());
        assertThat(host.pauses).isZero();
    }

    @Test
    void zeroWindowStaysPausedThroughAnUpdate() {
        host = VirtualHost.with(new ZeroWindowToxic(1024));
        host.chain.update(List.of(VirtualHost.definition("t0", new ZeroWindowToxic(2048))));
        assertThat(host.pauses).isEqualTo(1);
        assertThat(host.receiveBuffer).isEqualTo(2048);
        host.chain.discard();
        assertThat(host.pauses).isZero();
    }

    @Test
    void zeroWindowRejectsANegativeBuffer() {
        assertThatThrownBy(() -> new ZeroWindowToxic(-1).validate()).hasMessageContaining("rcvbuf");
        host = VirtualHost.with();
    }

    @Test
    void halfOpenSilencesTheLinkAndDiscardsWhatReachesIt() {
        host = VirtualHost.with(new HalfOpenToxic());
        assertThat(host.blackholes).isEqualTo(1);
        host.send(10, 0);
        host.end();
        assertThat(host.delivered).isEmpty();
        assertThat(host.closedBy).isEmpty();

        host.chain.update(List.of());
        assertThat(host.blackholes).isZero();
        host.send(3, 0);
        assertThat(host.deliveredBytes()).hasSize(3);
    }

    @Test
    void halfOpenTurnsTheBlackholeOffOnceWhenReplacedOrDiscarded() {
        host = VirtualHost.with(new HalfOpenToxic());
        host.chain.update(List.of(VirtualHost.definition("t0", new HalfOpenToxic()),
                VirtualHost.definition("t1", new HalfOpenToxic())));
        assertThat(host.blackholes).isEqualTo(2);
        host.chain.discard();
        assertThat(host.blackholes).isZero();
    }
}
