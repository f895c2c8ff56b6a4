package dev.faultlab.proxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BandwidthToxicTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void fourHundredEightyKilobytesAtAThousandKilobytesPerSecondTakeFourHundredEightyMillis() {
        host = VirtualHost.with(new BandwidthToxic(1000));
        for (int i = 0; i < 30; i++) {
            host.send(16_000, i);
        }
        host.advanceMillis(479);
        assertThat(host.deliveredBytes().length).isLessThan(480_000);
        host.advanceMillis(1);
        assertThat(host.deliveredBytes()).hasSize(480_000);
        assertThat(host.dataTimesMillis()).first().isEqualTo(16L);
        assertThat(host.dataTimesMillis()).last().isEqualTo(480L);
    }

    @Test
    void lateTimersDoNotSlowTheStreamDown() {
        host = VirtualHost.with(new BandwidthToxic(1000));
        host.lateTimers(2);
        for (int i = 0; i < 48; i++) {
            host.send(10_000, i);
        }
        host.advanceMillis(482);
        assertThat(host.deliveredBytes()).hasSize(480_000);
        assertThat(host.dataTimesMillis()).last().isEqualTo(482L);
    }

    @Test
    void aBigChunkLeavesInPiecesOfAHundredMillisWorth() {
        host = VirtualHost.with(new BandwidthToxic(1000));
        host.send(250_000, 0);
        host.advanceMillis(300);
        assertThat(host.delivered).extracting(d -> d.bytes().length).containsExactly(100_000, 100_000, 50_000);
        assertThat(host.dataTimesMillis()).containsExactly(100L, 200L, 250L);
        byte[] bytes = host.deliveredBytes();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void anIdleLinkBanksNoCredit() {
        host = VirtualHost.with(new BandwidthToxic(10));
        host.send(100, 0);
        host.advanceMillis(1000);
        host.send(100, 0);
        host.advanceMillis(20);
        assertThat(host.dataTimesMillis()).containsExactly(10L, 1010L);
    }

    @Test
    void theEndOfTheStreamKeepsItsPlaceButTakesNoTime() {
        host = VirtualHost.with(new BandwidthToxic(1));
        host.send(50, 0);
        host.end();
        host.advanceMillis(49);
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(1);
        assertThat(host.delivered).hasSize(2);
        assertThat(host.delivered.get(1).isEnd()).isTrue();
        assertThat(host.delivered.get(1).atMillis()).isEqualTo(50);
    }

    @Test
    void rateZeroHoldsEverythingWithoutClosingUntilRemoved() {
        host = VirtualHost.with(new BandwidthToxic(0));
        for (int i = 0; i < 20; i++) {
            host.send(1000, i);
        }
        host.end();
        host.advanceMillis(3_600_000);
        assertThat(host.delivered).isEmpty();
        assertThat(host.closedBy).isEmpty();
        assertThat(host.pendingTasks()).isZero();
        host.chain.update(List.of());
        assertThat(host.delivered).hasSize(21);
        assertThat(host.deliveredBytes()).hasSize(20_000);
        for (int i = 0; i < 20; i++) {
            assertThat(host.delivered.get(i).bytes()[0]).isEqualTo((byte) i);
        }
        assertThat(host.delivered.get(20).isEnd()).isTrue();
    }

    @Test
    void raisingTheRateFromZeroPacesWhatWasHeld() {
        host = VirtualHost.with(new BandwidthToxic(0));
        host.send(1000, 0);
        host.send(1000, 0);
        host.advanceMillis(100);
        host.chain.update(List.of(VirtualHost.definition("t0", new BandwidthToxic(100))));
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(20);
        assertThat(host.dataTimesMillis()).containsExactly(110L, 120L);
    }

    @Test
    void discardDropsWhatIsHeld() {
        host = VirtualHost.with(new BandwidthToxic(1));
        host.send(10_000, 0);
        host.advanceMillis(150);
        host.chain.discard();
        host.advanceMillis(10_000);
        assertThat(host.deliveredBytes()).hasSize(100);
        assertThat(host.droppedBytes).isEqualTo(9_900);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void theHighestRatePassesAtOnce() {
        host = VirtualHost.with(new BandwidthToxic(Long.MAX_VALUE));
        host.send(100_000, 0);
        assertThat(host.dataTimesMillis()).containsExactly(0L);
    }

    @Test
    void aNegativeRateIsRejected() {
        assertThatThrownBy(() -> new BandwidthToxic(-1).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        host = VirtualHost.with();
    }
}
