package dev.faultlab.proxy.toxic;

import static dev.faultlab.proxy.toxic.VirtualHost.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToxicChainTest {
    private VirtualHost host;

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void stackedLatenciesAddUp() {
        host = VirtualHost.with(new LatencyToxic(50, 0), new LatencyToxic(30, 0));
        host.send(1, 0);
        host.advanceMillis(79);
        assertThat(host.delivered).isEmpty();
        host.advanceMillis(1);
        assertThat(host.dataTimesMillis()).containsExactly(80L);
    }

    @Test
    void updatingALatencyKeepsTheEntryTimeOfQueuedChunks() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(1, 0);
        host.advanceMillis(10);
        host.send(1, 1);
        host.advanceMillis(30);
        host.chain.update(List.of(definition("t0", new LatencyToxic(60, 0))));
        host.advanceMillis(100);
        assertThat(host.dataTimesMillis()).containsExactly(60L, 70L);
    }

    @Test
    void shorteningALatencyReleasesOverdueChunksAtOnce() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.send(1, 0);
        host.advanceMillis(40);
        host.chain.update(List.of(definition("t0", new LatencyToxic(30, 0))));
        assertThat(host.dataTimesMillis()).containsExactly(40L);
    }

    @Test
    void removingTheFirstOfTwoLatenciesHandsItsQueueToTheSecond() {
        host = VirtualHost.with(new LatencyToxic(100, 0), new LatencyToxic(50, 0));
        host.send(1, 0);
        host.advanceMillis(20);
        host.chain.update(List.of(definition("t1", new LatencyToxic(50, 0))));
        host.advanceMillis(100);
        assertThat(host.dataTimesMillis()).containsExactly(70L);
    }

    @Test
    void aCounterStreamSurvivesToxicsAddedReplacedAndRemovedMidFlight() {
        SplittableRandom random = new SplittableRandom(7);
        host = new VirtualHost(Direction.DOWNSTREAM);
        List<List<ToxicDefinition>> chains = List.of(
                List.of(),
                List.of(definition("a", new LatencyToxic(40, 10))),
                List.of(definition("a", new LatencyToxic(5, 0))),
                List.of(definition("a", new LatencyToxic(40, 10)), definition("b", new LatencyToxic(20, 20))),
                List.of(definition("b", new LatencyToxic(20, 20))),
                List.of(definition("b", new LatencyToxic(60, 0)), definition("c", new BandwidthToxic(200))),
                List.of(definition("c", new BandwidthToxic(0))),
                List.of(definition("c", new BandwidthToxic(50)), definition("d", new SlicerToxic(7, 3, 100))),
                List.of(definition("d", new SlicerToxic(7, 3, 100)), definition("a", new LatencyToxic(40, 10))));
        int counter = 0;
        while (counter < 65535) {
            int count = Math.min(1 + random.nextInt(40), 65535 - counter);
            byte[] bytes = new byte[count * 2];
            for (int i = 0; i < count; i++) {
                bytes[2 * i] = (byte) (counter >> 8);
                bytes[2 * i + 1] = (byte) counter;
                counter++;
            }
            host.send(bytes);
            host.advance(random.nextLong(2_000_000));
            if (random.nextInt(20) == 0) {
                host.chain.update(chains.get(random.nextInt(chains.size())));
            }
        }
        host.end();
        host.advanceMillis(5_000);
        host.chain.update(List.of());
        byte[] received = host.deliveredBytes();
        assertThat(received).hasSize(65535 * 2);
        for (int i = 0; i < 65535; i++) {
            int value = (received[2 * i] & 0xff) << 8 | received[2 * i + 1] & 0xff;
            assertThat(value).as("counter at %d", i).isEqualTo(i);
        }
        assertThat(host.delivered.get(host.delivered.size() - 1).isEnd()).isTrue();
        assertThat(host.delivered).extracting(VirtualHost.Delivered::at).isSorted();
    }

    @Test
    void aCloseWhileTheChainChangesDropsWhatIsStillBeingHandedOn() {
        host = VirtualHost.with(new LatencyToxic(100, 0), new TimeoutToxic(0), new BandwidthToxic(0));
        host.send(10, 0);
        host.chain.update(List.of(definition("t2", new BandwidthToxic(0))));
        assertThat(host.closedBy).containsExactly("t1");
        assertThat(host.droppedBytes).isEqualTo(10);
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void nothingIsDeliveredAfterARemovalClosedTheConnection() {
        host = VirtualHost.with(new LatencyToxic(100, 0), new TimeoutToxic(0));
        host.send(10, 0);
        host.chain.update(List.of());
        assertThat(host.closedBy).containsExactly("t1");
        assertThat(host.delivered).isEmpty();
        assertThat(host.droppedBytes).isEqualTo(10);
    }

    @Test
    void aDiscardedChainIgnoresUpdates() {
        host = VirtualHost.with(new LatencyToxic(100, 0));
        host.chain.discard();
        host.chain.update(List.of(definition("t", new TimeoutToxic(10))));
        host.advanceMillis(100);
        assertThat(host.chain.definitions()).isEmpty();
        assertThat(host.closedBy).isEmpty();
        assertThat(host.pendingTasks()).isZero();
    }

    @Test
    void aCloseFromInsideAStageStopsTheStagesBeforeIt() {
        host = VirtualHost.with(new SlicerToxic(5, 0, 0), new LimitDataToxic(12));
        host.send(40, 0);
        assertThat(host.deliveredBytes()).hasSize(12);
        assertThat(host.closedBy).containsExactly("t1");
        assertThat(host.droppedBytes).isEqualTo(28);
        host.send(5, 0);
        assertThat(host.deliveredBytes()).hasSize(12);
    }

    @Test
    void toxicityIsRolledOncePerChain() {
        int applied = 0;
        List<VirtualHost> hosts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            VirtualHost one = new VirtualHost(Direction.UPSTREAM, i);
            one.chain.update(List.of(new ToxicDefinition("l", "latency", Direction.UPSTREAM, 0.5,
                    new LatencyToxic(10, 0))));
            one.send(1, 0);
            one.send(1, 0);
            if (one.delivered.isEmpty()) {
                applied++;
            } else {
                assertThat(one.delivered).hasSize(2);
            }
            one.chain.discard();
            hosts.add(one);
        }
        assertThat(applied).isBetween(60, 140);
        hosts.forEach(VirtualHost::assertAllReleased);
        host = VirtualHost.with();
    }
}
