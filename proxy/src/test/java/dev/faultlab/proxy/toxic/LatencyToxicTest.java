package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LatencyToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void eachChunkLeavesLatencyAfterItArrived() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(10, 0);
        host.advanceMillis(30);
        host.send(10, 10);
        host.advanceMillis(69);
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(1);
        assertThat(host.dataTimesMillis()).containsExactly(100L);
        host.advanceMillis(30);
        assertThat(host.dataTimesMillis()).containsExactly(100L, 130L);
        assertThat(host.deliveredBytes()).hasSize(20);
    }

    @Test
    void timeQueuedCountsSoABacklogDoesNotAccumulate() {
        host = VirtualHost.with(new LatencyToxic(50, 0));
        for (int i = 0; i < 100; i++) {
            host.send(1, i);
            host.advanceMillis(1);
        }
        host.advanceMillis(100);
        List<Long> times = host.dataTimesMillis();
        for (int i = 0; i < times.size(); i++) {
            assertThat(times.get(i)).isEqualTo(50L + i);
        }
    }

    @Test
    void jitterSpreadsDelaysUniformlyWithinItsBounds() {
        host = VirtualHost.with(new LatencyToxic(100, 20));
        for (int i = 0; i < 100; i++) {
            host.send(1, i);
            host.advanceMillis(50);
        }
        host.advanceMillis(200);
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < 100; i++) {
            long delay = host.delivered.get(i).at() - TimeUnit.MILLISECONDS.toNanos(50L * i);
            shortest = Math.min(shortest, delay);
            longest = Math.max(longest, delay);
        }
        assertThat(shortest).isBetween(TimeUnit.MILLISECONDS.toNanos(80), TimeUnit.MILLISECONDS.toNanos(85));
        assertThat(longest).isBetween(TimeUnit.MILLISECONDS.toNanos(115), TimeUnit.MILLISECONDS.toNanos(120));
    }

    @Test
    void aChunkNeverOvertakesTheOneAheadOfIt() {
        host = VirtualHost.with(new LatencyToxic(100, 20));
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(host.now());
            host.send(1, i);
            host.advance(TimeUnit.MICROSECONDS.toNanos(700));
        }
        host.advanceMillis(200);
        assertThat(host.delivered).hasSize(200);
        assertThat(host.delivered).extracting(VirtualHost.Delivered::at).isSorted();
        for (int i = 0; i < 200; i++) {
            assertThat(host.delivered.get(i).at() - sent.get(i))
                    .isBetween(TimeUnit.MILLISECONDS.toNanos(80), TimeUnit.MILLISECONDS.toNanos(120));
        }
        byte[] bytes = host.deliveredBytes();
        for (int i = 0; i < 200; i++) {
            assertThat(bytes[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void jitterLargerThanLatencyIsClampedAtZero() {
        host = VirtualHost.with(new LatencyToxic(5, 50));
        for (int i = 0; i < 50; i++) {
            host.send(1, i);
        }
        host.advanceMillis(55);
        assertThat(host.delivered).hasSize(50);
        assertThat(host.dataTimesMillis()).isSorted().allMatch(t -> t <= 55);
    }

    @Test
    void theEndOfTheStreamIsDelayedLikeData() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(3, 0);
        host.advanceMillis(10);
        host.end();
        host.advanceMillis(99);
        assertThat(host.delivered).hasSize(1);
        host.advanceMillis(1);
        assertThat(host.delivered).hasSize(2);
        assertThat(host.delivered.get(1).isEnd()).isTrue();
        assertThat(host.delivered.get(1).atMillis()).isEqualTo(110);
    }

    @Test
    void removalForwardsEverythingHeldAtOnceInOrder() {
        host = VirtualHost.with(new LatencyToxic(100, 10));
        for (int i = 0; i < 10; i++) {
            host.send(1, i);
            host.advanceMillis(5);
        }
        host.end();
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(11);
        assertThat(host.deliveredBytes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(host.delivered.get(10).isEnd()).isTrue();
        assertThat(host.delivered).allMatch(d -> d.atMillis() == 50);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void discardDropsEverythingHeldAndStopsTheTimer() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(4, 0);
        host.send(6, 0);
        host.chain.discard();
        host.advanceMillis(200);
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedChunks).isEqualTo(2);
        assertThat(host.droppedBytes).isEqualTo(10);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void atToxicityZeroChunksPassAtOnce() {
        host = new VirtualHost(Direction.DOWNSTREAM);
        host.chain.update(List.of(new ToxicDefinition("l", "latency", Direction.DOWNSTREAM, 0.0,
                new LatencyToxic(100, 0))));
        host.send(5, 0);
        assertThat(host.dataTimesMillis()).containsExactly(0L);
    }

    @Test
    void theLongestAllowedLatencyAndJitterHoldWithoutOverflow() {
        long max = Attributes.MAX_MILLIS;
        host = VirtualHost.with(new LatencyToxic(max, max));
        host.send(1, 0);
        host.advanceMillis(TimeUnit.DAYS.toMillis(365));
        assertThat(host.delivered).isEmpty();
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(1);
    }

    @Test
    void negativeValuesAreRejected() {
        assertThatThrownBy(() -> new LatencyToxic(-1, 0).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> new LatencyToxic(0, -1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        new LatencyToxic(10, 100).validate();
        host = VirtualHost.with();
    }
}
