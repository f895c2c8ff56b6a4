package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitDataToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void passesExactlyTheLimitThenCloses() {
        host = VirtualHost.with(new LimitDataToxic(25));
        host.send(10, 0);
        host.send(10, 10);
        assertThat(host.closedBy).isEmpty();
        host.send(10, 20);
        assertThat(host.deliveredBytes()).hasSize(25);
        assertThat(host.deliveredBytes()[24]).isEqualTo((byte) 24);
        assertThat(host.droppedBytes).isEqualTo(5);
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void anUpdateKeepsTheCountOfBytesAlreadyPassed() {
        host = VirtualHost.with(new LimitDataToxic(25));
        host.send(20, 0);
        host.chain.update(List.of(VirtualHost.definition("t0", new LimitDataToxic(30))));
        host.send(20, 20);
        assertThat(host.deliveredBytes()).as("20 before the update, 10 more up to the new limit").hasSize(30);
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void reachingTheLimitExactlyClosesAtOnce() {
        host = VirtualHost.with(new LimitDataToxic(20));
        host.send(10, 0);
        host.send(10, 0);
        assertThat(host.deliveredBytes()).hasSize(20);
        assertThat(host.droppedBytes).isZero();
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void theLimitCountsPerStageSoEachDirectionHasItsOwn() {
        VirtualHost other = VirtualHost.with(new LimitDataToxic(20));
        host = VirtualHost.with(new LimitDataToxic(20));
        host.send(15, 0);
        other.send(15, 0);
        assertThat(host.closedBy).isEmpty();
        assertThat(other.closedBy).isEmpty();
        other.chain.discard();
        other.assertAllReleased();
    }

    @Test
    void zeroClosesOnTheFirstData() {
        host = VirtualHost.with(new LimitDataToxic(0));
        host.send(10, 0);
        assertThat(host.delivered).isEmpty();
        assertThat(host.closedBy).containsExactly("t0");
    }

    @Test
    void theEndOfTheStreamPasses() {
        host = VirtualHost.with(new LimitDataToxic(100));
        host.send(10, 0);
        host.end();
        assertThat(host.delivered).hasSize(2);
        assertThat(host.closedBy).isEmpty();
    }

    @Test
    void aNegativeLimitIsRejected() {
        assertThatThrownBy(() -> new LimitDataToxic(-1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
        host = VirtualHost.with();
    }
}
