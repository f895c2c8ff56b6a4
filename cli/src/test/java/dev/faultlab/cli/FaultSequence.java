package dev.faultlab.cli;

import static org.awaitility.Awaitility.await;

import dev.faultlab.emulator.DeviceState;
import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.Fleet;
import dev.faultlab.proxy.net.HostPort;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults the lab tests put a native lab's emulated fleet through, over the control API, each
 * waited out on the devices' own events (or the proxy's counts), after a client that does not speak
 * MQTT: PINGRESP dropped (the devices give up after their
 * keepalive), a FIN cut, a broker that hangs (the cut device gives up on its CONNACK), CONNACK
 * refusals, PUBACKs held. Every step ends with every device connected again and no fault left.
 */
final class FaultSequence {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);
    private static final String DISCONNECTED = "MQTT_EVENT_DISCONNECTED";
    private static final String REFUSED = "MQTT_EVENT_ERROR/CONNECTION_REFUSED";

    private final ControlApi api;
    private final HostPort proxy;
    private final Fleet fleet;
    private final int devices;
    private final Map<String, AtomicInteger> events = new ConcurrentHashMap<>();

    FaultSequence(NativeLab lab) {
        this.api = new ControlApi(lab.lab().server().apiPort());
        this.proxy = HostPort.parse(lab.lab().proxyAddress());
        this.fleet = lab.fleet().fleet();
        this.devices = fleet.devices().size();
        fleet.addListener((device, event) -> count(event));
    }

    void run() throws IOException, InterruptedException {
        awaitEveryDeviceConnected();
        notMqtt();
        pingrespDropped();
        finCut();
        brokerHung();
        connackRefused();
        pubackHeld();
    }

    /**
     * A client that does not speak MQTT (an HTTP request on the MQTT port): forwarded raw and counted
     * (Mosquitto resets it, which is no concern of the test).
     */
    private void notMqtt() throws IOException {
        try (Socket client = new Socket(proxy.host(), proxy.port())) {
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(STEP_TIMEOUT).until(() -> {
            Double raw = api.metrics().value("faultlab_raw_streams_total", "malformed", "false");
            return raw != null && raw >= 1;
        });
    }

    private void pingrespDropped() throws IOException, InterruptedException {
        int before = count(DISCONNECTED);
        api.addToxic("no_pingresp", "mqtt_drop", "downstream", "{\"packets\":[\"PINGRESP\"]}");
        await().atMost(STEP_TIMEOUT).until(() -> count(DISCONNECTED) >= before + devices);
        api.removeToxic("no_pingresp");
        awaitEveryDeviceConnected();
    }

    private void finCut() throws IOException, InterruptedException {
        int before = count(DISCONNECTED);
        api.cutWithFin(clientId(0));
        await().atMost(STEP_TIMEOUT).until(() -> count(DISCONNECTED) > before);
        awaitEveryDeviceConnected();
    }

    private void connackRefused() throws IOException, InterruptedException {
        int before = count(REFUSED);
        api.addToxic("refuse", "mqtt_connack", "upstream", "{\"code\":5,\"count\":2}");
        api.cutWithFin(clientId(devices - 1));
        await().atMost(STEP_TIMEOUT).until(() -> count(REFUSED) >= before + 2);
        awaitEveryDeviceConnected();
        api.removeToxic("refuse");
    }

    /** PUBACKs held until both outboxes fill and the proxy has seen a re-send with DUP. */
    private void pubackHeld() throws IOException, InterruptedException {
        api.addToxic("stall_acks", "mqtt_hold", "downstream", "{\"packets\":[\"PUBACK\"]}");
        await().atMost(STEP_TIMEOUT).until(() -> fleet.outboxSize() >= 2L * devices && duplicates() >= 1);
        api.removeToxic("stall_acks");
        await().atMost(STEP_TIMEOUT).until(() -> fleet.outboxSize() == 0);
    }

    /** The broker accepts and never answers: a cut device reconnects into it and gives up after N. */
    private void brokerHung() throws IOException, InterruptedException {
        api.hang(true);
        api.cutWithFin(clientId(0));
        await().atMost(STEP_TIMEOUT).until(() -> gaveUpInHang() >= 1);
        api.hang(false);
        awaitEveryDeviceConnected();
    }

    private double duplicates() throws IOException, InterruptedException {
        Double count = api.metrics().value("faultlab_duplicate_publishes_total");
        return count == null ? 0 : count;
    }

    /** Clients that closed while the proxy held them in hang mode, as the proxy counts them. */
    private double gaveUpInHang() throws IOException, InterruptedException {
        Double count = api.metrics().value("faultlab_hang_wait_seconds_count", "cause", "client_fin");
        return count == null ? 0 : count;
    }

    private void awaitEveryDeviceConnected() {
        await().atMost(STEP_TIMEOUT).until(() -> fleet.countsByState().get(DeviceState.CONNECTED) == devices);
    }

    private String clientId(int index) {
        return fleet.devices().get(index).clientId();
    }

    private void count(EspEvent event) {
        String key = event instanceof EspEvent.Error error ? event.espName() + "/" + error.type() : event.espName();
        events.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String key) {
        AtomicInteger counter = events.get(key);
        return counter == null ? 0 : counter.get();
    }
}
