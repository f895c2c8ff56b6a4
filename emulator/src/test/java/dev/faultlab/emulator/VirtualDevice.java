package dev.faultlab.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A device on virtual time against a {@link FakeBroker}, recording its events and log lines with
 * the virtual time they happened at.
 */
final class VirtualDevice {
    /** An event and when it was raised. */
    record Timed<T>(long at, T value) {
    }

    final VirtualScheduler clock = new VirtualScheduler();
    final FakeBroker broker = new FakeBroker(clock);
    final List<Timed<EspEvent>> events = new ArrayList<>();
    final List<Timed<String>> lines = new ArrayList<>();
    final Device device;

    VirtualDevice(Timings timings, Profile profile, long seed) {
        this(DeviceConfig.builder("broker", 1883, seed).timings(timings).profile(profile).build(), seed);
    }

    VirtualDevice(DeviceConfig config, long seed) {
        device = new Device(config, clock, broker, new SplittableRandom(seed),
                (clientId, line) -> lines.add(new Timed<>(clock.nowMillis(), line)));
        device.addListener((d, event) -> events.add(new Timed<>(clock.nowMillis(), event)));
    }

    /** K=10 s (so K/2 and P differ), R=1 s, N=2 s, T_rt=0.5 s, T_exp=5 s, P=1 s. */
    static VirtualDevice started(Profile profile) {
        VirtualDevice bench = new VirtualDevice(Timings.COMPRESSED.withKeepalive(10_000), profile, 7);
        bench.device.start();
        bench.clock.advance(0);
        return bench;
    }

    /** Times of the events of one type. */
    List<Long> times(Class<? extends EspEvent> type) {
        return events.stream().filter(e -> type.isInstance(e.value())).map(Timed::at).toList();
    }

    List<EspEvent> eventValues() {
        return events.stream().map(Timed::value).toList();
    }

    /** Times of the log lines containing {@code text}. */
    List<Long> lineTimes(String text) {
        return lines.stream().filter(l -> l.value().contains(text)).map(Timed::at).toList();
    }

    int publish(String topic, int qos) {
        return device.publish(topic, new byte[] {1, 2, 3}, qos, false).join();
    }
}
