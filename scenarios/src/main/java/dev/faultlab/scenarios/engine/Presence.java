package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Glob;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every device alias (but those with {@code wait_connected: false}) has {@code count}
 * distinct connected clients matching its pattern in the proxy's {@code /connections}: how real
 * boards are found, and how the engine knows its emulated ones are up before the timeline starts.
 * Emulated devices connect after the event streams opened, so for them it also waits until their
 * accepted CONNACKs have come through the stream: the stream can lag {@code /connections}, and a
 * CONNACK arriving late would land in the timeline's first window.
 */
final class Presence {
    private static final long POLL_MILLIS = 100;

    private Presence() {
    }

    static void await(RunContext run, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DeviceSpec device : run.scenario.devices().values()) {
            if (!device.waitConnected()) {
                continue;
            }
            while (connected(run, device) < device.count()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("devices '" + device.alias() + "': " + connected(run, device)
                            + " of " + device.count() + " clients matching " + device.match()
                            + " connected to proxy " + run.proxy() + " after " + timeout.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
            if (run.emulation() != null) {
                awaitAcknowledged(run, device, deadline, timeout);
            }
        }
    }

    private static void awaitAcknowledged(RunContext run, DeviceSpec device, long deadline, Duration timeout)
            throws InterruptedException {
        while (acknowledged(run, device) < device.count()) {
            if (run.log.await(System.nanoTime(), deadline, event -> true).isEmpty()) {
                throw new IllegalStateException("devices '" + device.alias() + "': " + acknowledged(run, device)
                        + " of " + device.count() + " accepted CONNACKs on the event stream of proxy " + run.proxy()
                        + " after " + timeout.toSeconds() + " s");
            }
        }
    }

    private static int acknowledged(RunContext run, DeviceSpec device) {
        Set<String> clients = new HashSet<>();
        for (Observed event : run.log.between(run.startNanos, System.nanoTime(), event ->
                event.source() == EventFilter.Source.PROXY && event.type().equals("connack")
                        && device.alias().equals(event.alias()) && "0".equals(event.text("code")))) {
            clients.add(event.clientId());
        }
        return clients.size();
    }

    private static int connected(RunContext run, DeviceSpec device) {
        Set<String> clients = new HashSet<>();
        for (JsonNode connection : run.api.connections(run.proxy())) {
            String clientId = connection.path("client_id").asText(null);
            if ("connected".equals(connection.path("state").asText()) && Glob.matches(device.match(), clientId)) {
                clients.add(clientId);
            }
        }
        return clients.size();
    }
}
