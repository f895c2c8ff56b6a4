package dev.faultlab.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The detection clock on given instants: which fault, from when, and which closes count. */
class DetectionTimerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final DetectionTimer timer = new DetectionTimer();

    @Test
    void theClientsCloseMeasuresFromTheMostRecentActiveFault() {
        timer.applied(1, "slow", "downstream", T0);
        timer.applied(1, "no_pingresp", "downstream", T0.plusSeconds(1));
        assertThat(timer.closed(1, true, T0.plusMillis(3100)))
                .contains(new DetectionTimer.Detection("no_pingresp", Duration.ofMillis(2100)));
    }

    @Test
    void aClearedFaultIsNoLongerTheCause() {
        timer.applied(1, "slow", "upstream", T0);
        timer.applied(1, "cut", "downstream", T0.plusSeconds(1));
        timer.cleared(1, "cut", "downstream");
        assertThat(timer.closed(1, true, T0.plusSeconds(5)))
                .contains(new DetectionTimer.Detection("slow", Duration.ofSeconds(5)));
    }

    @Test
    void closesNotByTheClientOrWithoutAFaultMeasureNothing() {
        timer.applied(1, "cut", "downstream", T0);
        assertThat(timer.closed(1, false, T0.plusSeconds(2))).isEmpty();
        assertThat(timer.closed(1, true, T0.plusSeconds(3))).as("the connection was forgotten").isEmpty();
        timer.applied(2, "cut", "downstream", T0);
        timer.cleared(2, "cut", "downstream");
        assertThat(timer.closed(2, true, T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void connectionsAreApart() {
        timer.applied(1, "cut", "downstream", T0);
        timer.applied(2, "cut", "downstream", T0.plusSeconds(4));
        assertThat(timer.closed(1, true, T0.plusSeconds(5)))
                .contains(new DetectionTimer.Detection("cut", Duration.ofSeconds(5)));
        assertThat(timer.closed(2, true, T0.plusSeconds(5)))
                .contains(new DetectionTimer.Detection("cut", Duration.ofSeconds(1)));
    }
}
