package dev.faultlab.e2e;

import static org.awaitility.Awaitility.await;

import dev.faultlab.emulator.Device;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.DeviceState;
import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.EspLog;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.NettyTransport;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.net.HostPort;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Emulated ESP devices on one shared event loop, with the compressed timings (K=2 s, R=1 s, N=2 s,
 * T_rt=0.5 s), each recording the ESP events it raised. {@link #close} stops them all.
 */
final class EmulatedDevices implements AutoCloseable {
    private final EventLoops loops = EventLoops.create(1);
    private final List<Device> started = new CopyOnWriteArrayList<>();

    /** A device and its events, in the order it raised them. */
    record Probe(Device device, List<EspEvent> events) {
        <T extends EspEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<String> topicsReceived() {
            return of(EspEvent.Data.class).stream().map(EspEvent.Data::topic).toList();
        }

        /** Waits until the device is connected. */
        Probe connected() {
            await().atMost(EventLog.WAIT).until(device::state, DeviceState.CONNECTED::equals);
            return this;
        }
    }

    /** Starts device {@code clientId} against {@code broker}, configured by {@code configure}. */
    Probe start(HostPort broker, String clientId, UnaryOperator<DeviceConfig.Builder> configure) {
        NettyTransport transport = loops.nextTransport();
        DeviceConfig config = configure.apply(DeviceConfig.builder(broker.host(), broker.port(), 0)
                .clientId(clientId).timings(Timings.COMPRESSED)).build();
        Device device = new Device(config, transport.scheduler(), transport, new SplittableRandom(clientId.hashCode()),
                EspLog.Sink.slf4j());
        List<EspEvent> events = new CopyOnWriteArrayList<>();
        device.addListener((d, event) -> events.add(event));
        started.add(device);
        device.start();
        return new Probe(device, events);
    }

    @Override
    public void close() {
        started.forEach(Device::stop);
        await().atMost(EventLog.WAIT).until(() -> started.stream().allMatch(d -> d.state() == DeviceState.DISCONNECTED));
        loops.close();
    }
}
