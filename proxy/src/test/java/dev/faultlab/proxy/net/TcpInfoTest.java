package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kernel version guard and the backlog arithmetic of {@link TcpInfo}. */
class TcpInfoTest {

    @Test
    void tcpiSndWndNeedsLinuxFiveFour() {
        assertThat(TcpInfo.atLeast("6.18.44-fc-v657", 5, 4)).isTrue();
        assertThat(TcpInfo.atLeast("5.4.0-150-generic", 5, 4)).isTrue();
        assertThat(TcpInfo.atLeast("5.10", 5, 4)).isTrue();
        assertThat(TcpInfo.atLeast("5.3.18", 5, 4)).isFalse();
        assertThat(TcpInfo.atLeast("4.19.0", 5, 4)).isFalse();
        assertThat(TcpInfo.atLeast("", 5, 4)).isFalse();
        assertThat(TcpInfo.atLeast("14.2.0", 5, 4)).isTrue();
    }

    @Test
    void backlogIsWhatWasDeliveredAndNotAcknowledgedNeverNegative() {
        TcpInfo info = new TcpInfo(65_536, 1_000);

        assertThat(info.backlog(1_500)).isEqualTo(500);
        assertThat(info.backlog(1_000)).isZero();
        assertThat(info.backlog(999)).isZero();
    }
}
