package dev.faultlab.emulator;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * The devices' own view in Prometheus metrics, next to the proxy's wire view: events by type, errors
 * by type and code, reconnects, outbox size, whether connected and for how long. Every family is
 * documented in docs/METRICS.md. Counters count on the devices' threads as events are raised; the
 * gauges and the connected time are read at scrape time. Per device (label {@code client_id}) or,
 * for large fleets, summed over all the watched devices.
 */
public final class DeviceMetrics {
    private static final String CLIENT_ID = "client_id";

    private final boolean perDevice;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final Counter events;
    private final Counter errors;
    private final Counter reconnects;

    /**
     * @param perDevice label every series with the device's {@code client_id}; false sums over the
     *     devices instead (one series per family and label set, whatever the fleet's size)
     */
    public DeviceMetrics(PrometheusRegistry registry, boolean perDevice) {
        this.perDevice = perDevice;
        events = Counter.builder()
                .name("faultlab_device_events_total")
                .help("MQTT_EVENT_* raised by the devices, by event")
                .labelNames(labelNames("event"))
                .register(registry);
        errors = Counter.builder()
                .name("faultlab_device_errors_total")
                .help("MQTT_EVENT_ERROR by esp_mqtt_error_type_t and code (the CONNACK return code when refused)")
                .labelNames(labelNames("type", "code"))
                .register(registry);
        reconnects = Counter.builder()
                .name("faultlab_device_reconnects_total")
                .help("MQTT_EVENT_CONNECTED after a device's first one")
                .labelNames(labelNames())
                .register(registry);
        GaugeWithCallback.builder()
                .name("faultlab_device_outbox_messages")
                .help("Items in the outbox: waiting for their ack, or for a connection")
                .labelNames(labelNames())
                .callback(callback -> report(w -> w.device.outboxSize(), callback::call))
                .register(registry);
        GaugeWithCallback.builder()
                .name("faultlab_device_connected")
                .help("1 while a device is connected (between MQTT_EVENT_CONNECTED and MQTT_EVENT_DISCONNECTED), else 0")
                .labelNames(labelNames())
                .callback(callback -> report(w -> w.connected() ? 1 : 0, callback::call))
                .register(registry);
        CounterWithCallback.builder()
                .name("faultlab_device_connected_seconds_total")
                .help("Time spent connected on the device's clock, the current connection included")
                .labelNames(labelNames())
                .callback(callback -> report(w -> w.connectedMillis() / 1000.0, callback::call))
                .register(registry);
    }

    /** Watches one device; add it before the device starts to see every event. */
    public void watch(Device device) {
        Watched w = new Watched(device);
        watched.add(w);
        device.addListener((d, event) -> onEvent(w, event));
    }

    /** Watches every device of {@code fleet}; add it before the fleet starts. */
    public void watch(Fleet fleet) {
        fleet.devices().forEach(this::watch);
    }

    private void onEvent(Watched w, EspEvent event) {
        String id = w.device.clientId();
        events.labelValues(labelValues(id, event.espName())).inc();
        if (event instanceof EspEvent.Error error) {
            errors.labelValues(labelValues(id, error.type().name(), Integer.toString(error.code()))).inc();
        } else if (event instanceof EspEvent.Connected) {
            if (w.connect()) {
                if (perDevice) {
                    reconnects.labelValues(id).inc();
                } else {
                    reconnects.inc();
                }
            }
        } else if (event instanceof EspEvent.Disconnected) {
            w.disconnect();
        }
    }

    /** The sink of a callback metric: one value and its label values. */
    @FunctionalInterface
    private interface Sink {
        void call(double value, String... labelValues);
    }

    private void report(ToDoubleFunction<Watched> value, Sink sink) {
        if (perDevice) {
            for (Watched w : watched) {
                sink.call(value.applyAsDouble(w), w.device.clientId());
            }
        } else {
            double total = 0;
            for (Watched w : watched) {
                total += value.applyAsDouble(w);
            }
            sink.call(total);
        }
    }

    private String[] labelNames(String... names) {
        return labelValues(CLIENT_ID, names);
    }

    private String[] labelValues(String clientId, String... values) {
        if (!perDevice) {
            return values;
        }
        String[] all = new String[values.length + 1];
        all[0] = clientId;
        System.arraycopy(values, 0, all, 1, values.length);
        return all;
    }

    /**
     * A watched device and its connection time: changed on the device's thread, read by scrapes, so
     * guarded by the instance.
     */
    private static final class Watched {
        final Device device;
        private boolean everConnected;
        private boolean connected;
        private long connectedSince;
        private long connectedBefore;

        Watched(Device device) {
            this.device = device;
        }

        /** @return whether this connection is a reconnect (not the device's first) */
        synchronized boolean connect() {
            boolean reconnect = everConnected;
            everConnected = true;
            if (!connected) {
                connected = true;
                connectedSince = device.nowMillis();
            }
            return reconnect;
        }

        synchronized void disconnect() {
            if (connected) {
                connected = false;
                connectedBefore += device.nowMillis() - connectedSince;
            }
        }

        synchronized boolean connected() {
            return connected;
        }

        synchronized long connectedMillis() {
            return connectedBefore + (connected ? device.nowMillis() - connectedSince : 0);
        }
    }
}
