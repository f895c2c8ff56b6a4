package dev.faultlab.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounded queue refuses past its capacity and gives events back in order. */
class EventQueueTest {

    @Test
    void refusesWhenFullAndTakesAgainOnceDrained() {
        EventQueue queue = new EventQueue(2);

        assertThat(queue.offer(ping(1))).isTrue();
        assertThat(queue.offer(ping(2))).isTrue();
        assertThat(queue.offer(ping(3))).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.poll().connection()).isEqualTo(1);
        assertThat(queue.offer(ping(4))).isTrue();
        assertThat(queue.poll().connection()).isEqualTo(2);
        assertThat(queue.poll().connection()).isEqualTo(4);
        assertThat(queue.poll()).isNull();
    }

    @Test
    void clearForgetsEverything() {
        EventQueue queue = new EventQueue(10);
        queue.offer(ping(1));
        queue.offer(ping(2));

        queue.clear();

        assertThat(queue.size()).isZero();
        assertThat(queue.poll()).isNull();
    }

    private static ProxyEvent ping(long connection) {
        return new PacketEvent.PingRequest(Instant.EPOCH, connection, "mqtt", "c");
    }
}
