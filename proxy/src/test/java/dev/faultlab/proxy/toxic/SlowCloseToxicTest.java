package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowCloseToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void dataPassesAtOnceAndTheEndLeavesDelayLater() {
        host = VirtualHost.with(new SlowCloseToxic(300));
        host.send(10, 0);
        host.advanceMillis(5);
        host.send(10, 10);
        assertThat(host.dataTimesMillis()).containsExactly(0L, 5L);
        host.end();
        host.advanceMillis(299);
        assertThat(host.delivered).hasSize(2);
        host.advanceMillis(1);
        assertThat(host.delivered).hasSize(3);
        assertThat(host.delivered.get(2).isEnd()).isTrue();
        assertThat(host.delivered.get(2).atMillis()).isEqualTo(305);
    }

    @Test
    void removalLetsTheEndGoAtOnce() {
        host = VirtualHost.with(new SlowCloseToxic(300));
        host.end();
        host.advanceMillis(100);
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(1);
        assertThat(host.delivered.get(0).atMillis()).isEqualTo(100);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void anUpdateMeasuresTheNewDelayFromTheEndsArrival() {
        host = VirtualHost.with(new SlowCloseToxic(300));
        host.end();
        host.advanceMillis(100);
        host.chain.update(List.of(VirtualHost.definition("t0", new SlowCloseToxic(150))));
        host.advanceMillis(49);
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(1);
        assertThat(host.delivered).hasSize(1);
    }

    @Test
    void aNegativeDelayIsRejected() {
        assertThatThrownBy(() -> new SlowCloseToxic(-5).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        host = VirtualHost.with();
    }
}
