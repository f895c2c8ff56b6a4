package dev.faultlab.e2e;

import static org.awaitility.Awaitility.await;

import dev.faultlab.emulator.Device;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.DeviceState;
import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.EspLog;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.NettyTransport;
import dev.faultlab.emulator.Subscription;
import dev.faultlab.emulator.Timings;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Emulated ESP devices on one shared event loop, with the compressed timings (K=2 s, R=1 s, N=2 s,
 * T_rt=0.5 s), each recording the ESP events it raised, connecting through a proxy {@code mqtt} in
 * front of a broker; the proxy's events go to an {@link EventLog}. {@link #close} stops the devices,
 * then the proxy.
 */
final class EmulatedDevices implements AutoCloseable {
    private final EventLoops loops = EventLoops.create(1);
    private final List<Device> started = new CopyOnWriteArrayList<>();
    private final ProxyFixture proxy;
    private final HostPort listen;

    /** A proxy {@code mqtt} in front of {@code broker} ({@code host:port}), publishing to {@code events}. */
    EmulatedDevices(EventLog events, String broker) {
        proxy = events.proxies();
        proxy.proxy("mqtt", broker);
        listen = proxy.listen("mqtt");
    }

    ProxyFixture proxy() {
        return proxy;
    }

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

    /** Starts device {@code clientId} through the proxy, configured by {@code configure}. */
    Probe start(String clientId, UnaryOperator<DeviceConfig.Builder> configure) {
        NettyTransport transport = loops.nextTransport();
        DeviceConfig config = configure.apply(DeviceConfig.builder(listen.host(), listen.port(), 0)
                .clientId(clientId).timings(Timings.COMPRESSED)).build();
        Device device = new Device(config, transport.scheduler(), transport, new SplittableRandom(clientId.hashCode()),
                EspLog.Sink.slf4j());
        List<EspEvent> events = new CopyOnWriteArrayList<>();
        device.addListener((d, event) -> events.add(event));
        started.add(device);
        device.start();
        return new Probe(device, events);
    }

    /** A device subscribed to {@code filter} with QoS 1, once its SUBSCRIBED came. */
    Probe subscriber(String clientId, String filter) {
        Probe subscriber = start(clientId, c -> c.subscriptions(List.of(new Subscription(filter, 1)))).connected();
        await().atMost(EventLog.WAIT).until(() -> !subscriber.of(EspEvent.Subscribed.class).isEmpty());
        return subscriber;
    }

    @Override
    public void close() {
        try {
            started.forEach(Device::stop);
            await().atMost(EventLog.WAIT)
                    .until(() -> started.stream().allMatch(d -> d.state() == DeviceState.DISCONNECTED));
            loops.close();
        } finally {
            proxy.close();
        }
    }
}
