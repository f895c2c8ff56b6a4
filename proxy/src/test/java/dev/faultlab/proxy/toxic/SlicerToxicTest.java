package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlicerToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void cutsIntoPiecesOfTheAverageSizeWithTheDelayBetweenThem() {
        host = VirtualHost.with(new SlicerToxic(100, 0, 500));
        host.send(350, 0);
        assertThat(host.delivered).hasSize(1);
        host.advance(TimeUnit.MICROSECONDS.toNanos(1500));
        assertThat(host.delivered).extracting(d -> d.bytes().length).containsExactly(100, 100, 100, 50);
        assertThat(host.delivered).extracting(VirtualHost.Delivered::at)
                .containsExactly(0L, 500_000L, 1_000_000L, 1_500_000L);
        byte[] bytes = host.deliveredBytes();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void pieceSizesVaryWithinTheirBoundsAndTheBytesAreUnchanged() {
        host = VirtualHost.with(new SlicerToxic(64, 32, 0));
        host.send(20_000, 0);
        host.send(20_000, 32);
        host.end();
        assertThat(host.delivered.get(host.delivered.size() - 1).isEnd()).isTrue();
        List<VirtualHost.Delivered> data = host.delivered.subList(0, host.delivered.size() - 1);
        assertThat(data).hasSizeGreaterThan(400);
        assertThat(data).allMatch(d -> d.bytes().length <= 96);
        long cut = data.stream().filter(d -> d.bytes().length < 32).count();
        assertThat(cut).isLessThanOrEqualTo(2);
        assertThat(data.stream().mapToInt(d -> d.bytes().length).distinct().count()).isGreaterThan(20);
        byte[] bytes = host.deliveredBytes();
        assertThat(bytes).hasSize(40_000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(bytes[i]).isEqualTo((byte) i);
            assertThat(bytes[20_000 + i]).isEqualTo((byte) (32 + i));
        }
    }

    @Test
    void theDelayAlsoSeparatesConsecutiveChunks() {
        host = VirtualHost.with(new SlicerToxic(10, 0, 1000));
        host.send(10, 0);
        host.send(10, 0);
        host.end();
        host.advanceMillis(5);
        assertThat(host.delivered).extracting(VirtualHost.Delivered::atMillis).containsExactly(0L, 1L, 2L);
    }

    @Test
    void lateTimersNeverSqueezeTwoPiecesTogether() {
        host = VirtualHost.with(new SlicerToxic(10, 0, 1000));
        host.lateTimers(1);
        host.send(100, 0);
        host.advanceMillis(20);
        assertThat(host.delivered).extracting(VirtualHost.Delivered::atMillis)
                .containsExactly(0L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L);
    }

    @Test
    void removalForwardsTheRestAtOnce() {
        host = VirtualHost.with(new SlicerToxic(10, 0, 1000));
        host.send(100, 0);
        host.chain.update(List.of());
        assertThat(host.deliveredBytes()).hasSize(100);
        assertThat(host.delivered).hasSize(2);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void senselessSizesAreRejected() {
        assertThatThrownBy(() -> new SlicerToxic(0, 0, 0).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("average_size");
        assertThatThrownBy(() -> new SlicerToxic(10, -1, 0).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size_variation");
        assertThatThrownBy(() -> new SlicerToxic(10, 10, 0).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size_variation");
        assertThatThrownBy(() -> new SlicerToxic(10, 0, -1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        host = VirtualHost.with();
    }
}
