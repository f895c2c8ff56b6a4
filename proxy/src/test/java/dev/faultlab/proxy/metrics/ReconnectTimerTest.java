package dev.faultlab.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reconnect clock on given instants: matching by client id, expiry and the bound. */
class ReconnectTimerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theGapRunsFromTheCloseToTheNextAcceptedConnack() {
        ReconnectTimer timer = new ReconnectTimer();
        timer.closed("mqtt", "esp-1", T0);
        assertThat(timer.accepted("mqtt", "esp-2", T0.plusSeconds(1))).isEmpty();
        assertThat(timer.accepted("other", "esp-1", T0.plusSeconds(1))).isEmpty();
        assertThat(timer.accepted("mqtt", "esp-1", T0.plusMillis(2500))).contains(Duration.ofMillis(2500));
        assertThat(timer.accepted("mqtt", "esp-1", T0.plusSeconds(3))).as("taken once").isEmpty();
    }

    @Test
    void refusedAttemptsInBetweenKeepTheClockRunningFromTheFirstClose() {
        ReconnectTimer timer = new ReconnectTimer();
        timer.closed("mqtt", "esp-1", T0);
        timer.closed("mqtt", "esp-1", T0.plusSeconds(10));
        assertThat(timer.accepted("mqtt", "esp-1", T0.plusSeconds(12))).contains(Duration.ofSeconds(12));
    }

    @Test
    void anEntryOlderThanTheExpiryIsForgotten() {
        ReconnectTimer timer = new ReconnectTimer(Duration.ofHours(1), 10);
        timer.closed("mqtt", "esp-1", T0);
        timer.closed("mqtt", "esp-2", T0.plus(Duration.ofMinutes(30)));
        assertThat(timer.accepted("mqtt", "esp-1", T0.plus(Duration.ofMinutes(61)))).isEmpty();
        assertThat(timer.size()).isEqualTo(1);
        timer.closed("mqtt", "esp-1", T0.plus(Duration.ofMinutes(62)));
        assertThat(timer.accepted("mqtt", "esp-1", T0.plus(Duration.ofMinutes(63)))).contains(Duration.ofMinutes(1));
    }

    @Test
    void pastTheCapacityTheOldestGoFirst() {
        ReconnectTimer timer = new ReconnectTimer(Duration.ofHours(1), 2);
        for (int i = 0; i < 5; i++) {
            timer.closed("mqtt", "esp-" + i, T0.plusSeconds(i));
        }
        assertThat(timer.size()).isEqualTo(2);
        assertThat(timer.accepted("mqtt", "esp-2", T0.plusSeconds(9))).isEmpty();
        assertThat(timer.accepted("mqtt", "esp-4", T0.plusSeconds(9))).contains(Duration.ofSeconds(5));
    }
}
