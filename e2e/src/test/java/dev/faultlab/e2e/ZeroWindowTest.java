package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue item 5: {@code zero_window} on the upstream stream, with Mosquitto. A device publishes a
 * steady QoS 1 stream (2 KiB payloads numbered in their first four bytes, at most
 * {@link #WINDOW} unacknowledged). While the toxic applies its stream stalls: the subscriber on
 * Mosquitto stops receiving and the publisher, out of acks, stops publishing. After removal the
 * stream resumes and every message reaches the subscriber exactly once.
 *
 * <p>{@code rcvbuf} 0 keeps the socket's receive buffer: with the default 1024, about one run in five
 * resumed at a few messages a second instead of thousands, the kernel's receive window on the
 * shrunk and restored socket not opening up again.
 */
@ExtendWith(SharedBrokers.class)
class ZeroWindowTest {
    private static final int PAYLOAD = 2 * 1024;
    private static final int WINDOW = 16;
    private static final String TOPIC = "e2e/zero-window";
    /** How long a count must stay the same to count as stalled. */
    private static final Duration STILL = Duration.ofMillis(600);

    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread collector;
    private ProxyFixture proxy;
    private Mosquitto mosquitto;

    @BeforeEach
    void start(Mosquitto broker) {
        mosquitto = broker;
        proxy = new ProxyFixture(new EventBus());
        proxy.proxy("mqtt", broker.address());
    }

    @AfterEach
    void stop() {
        stop.set(true);
        if (collector != null) {
            collector.interrupt();
        }
        proxy.close();
    }

    @Test
    void aPublishingDeviceStallsWhileItAppliesAndResumesWithEveryMessageOnce() throws Exception {
        HostPort listen = proxy.listen("mqtt");
        try (TestClient subscriber = TestClient.Kind.HIVEMQ_3.connect(mosquitto.host(), mosquitto.port(),
                TestClient.Options.of("zero-window-subscriber"));
             TestClient device = TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                     TestClient.Options.of("zero-window-device"))) {
            subscriber.subscribe(TOPIC, 1);
            List<Integer> received = new CopyOnWriteArrayList<>();
            collector = daemon("zero-window-collector", () -> collect(subscriber, received));
            AtomicInteger sent = new AtomicInteger();
            List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(device, sent, acks),
                    runnable -> daemon("zero-window-publisher", runnable));

            await().atMost(EventLog.WAIT).until(() -> received.size() >= 200);
            proxy.toxic("mqtt", "stall", "zero_window", "upstream", Map.of("rcvbuf", 0));
            int stalledAt = awaitStill(received::size);
            int publishedAt = awaitStill(sent::get);
            assertThat(received).as("received while stalled").hasSize(stalledAt);
            assertThat(publishedAt - stalledAt).as("unacknowledged when the publisher stalled")
                    .isPositive().isLessThanOrEqualTo(WINDOW);

            proxy.registry().removeToxic("mqtt", "stall");
            await().atMost(EventLog.WAIT).until(() -> received.size() >= stalledAt + 200);
            stop.set(true);
            publishing.get(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(TestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int total = sent.get();
            await().atMost(EventLog.WAIT).until(() -> received.size() >= total);
            assertThat(new ArrayList<>(received)).as("every message once, in order")
                    .containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
            device.disconnect();
        }
    }

    /** Publishes numbered messages until told to stop, with at most {@link #WINDOW} unacknowledged. */
    private void publish(TestClient device, AtomicInteger sent, List<CompletableFuture<Void>> acks) {
        Semaphore window = new Semaphore(WINDOW);
        try {
            while (!stop.get()) {
                if (window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    byte[] payload = ByteBuffer.allocate(PAYLOAD).putInt(sent.get()).array();
                    CompletableFuture<Void> ack = device.publishAsync(TOPIC, payload, 1);
                    ack.whenComplete((done, failed) -> window.release());
                    acks.add(ack);
                    sent.incrementAndGet();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing stopped", e);
        }
    }

    private static void collect(TestClient subscriber, List<Integer> received) {
        try {
            while (true) {
                received.add(ByteBuffer.wrap(subscriber.received().take().payload()).getInt());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code count} stays the same for {@link #STILL}; returns it. */
    private static int awaitStill(IntSupplier count) {
        int[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(EventLog.WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int now = count.getAsInt();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] >= STILL.toNanos();
        });
        return last[0];
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
