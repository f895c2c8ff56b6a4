package dev.faultlab.emulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Many devices from one {@link FleetConfig} on a few shared event loops (no thread per device). Each
 * device lives on one loop of {@link EventLoops}; its start is delayed by the connect rate and its
 * publish plan, if any, runs as a {@link FleetMember} timer on the same loop. Add listeners before
 * {@link #start()} to see every event.
 */
public final class Fleet {
    private final List<FleetMember> members;
    private final List<Device> devices;
    private final List<EspEvent.Listener> listeners = new CopyOnWriteArrayList<>();

    /** Creates the devices, each on the next loop of {@code loops}; nothing connects before {@link #start()}. */
    public Fleet(FleetConfig config, EventLoops loops, EspLog.Sink logSink) {
        SplittableRandom seeds = new SplittableRandom(config.seed());
        List<FleetMember> created = new ArrayList<>(config.count());
        List<String> ids = config.clientIds();
        for (int index = 0; index < ids.size(); index++) {
            NettyTransport transport = loops.nextTransport();
            EventLoopScheduler scheduler = transport.scheduler();
            Device device = new Device(config.deviceConfig(ids.get(index)), scheduler, transport, seeds.split(),
                    logSink);
            device.addListener(this::forward);
            created.add(new FleetMember(device, scheduler, config.publishPlan(), config.startDelayMillis(index)));
        }
        members = List.copyOf(created);
        devices = members.stream().map(FleetMember::device).toList();
    }

    /** Listens to the events of every device, on that device's thread. */
    public void addListener(EspEvent.Listener listener) {
        listeners.add(listener);
    }

    /** Starts every device at its place in the ramp the connect rate sets. */
    public void start() {
        members.forEach(FleetMember::start);
    }

    /**
     * Stops every device: DISCONNECT for the connected ones (so no will), pending starts and publishes
     * cancelled.
     *
     * @return completes once every device has stopped
     */
    public CompletableFuture<Void> stop() {
        return CompletableFuture.allOf(members.stream().map(FleetMember::stop).toArray(CompletableFuture[]::new));
    }

    /** The devices, in index order. */
    public List<Device> devices() {
        return devices;
    }

    /** How many devices are in each state (every state present, zero or more). */
    public Map<DeviceState, Integer> countsByState() {
        Map<DeviceState, Integer> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, 0);
        }
        for (Device device : devices) {
            counts.merge(device.state(), 1, Integer::sum);
        }
        return counts;
    }

    /** Items waiting in all the outboxes together. */
    public long outboxSize() {
        long total = 0;
        for (Device device : devices) {
            total += device.outboxSize();
        }
        return total;
    }

    private void forward(Device device, EspEvent event) {
        for (EspEvent.Listener listener : listeners) {
            listener.onEvent(device, event);
        }
    }
}
