package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.Glob;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every device alias (but those with {@code wait_connected: false}) has {@code count}
 * distinct connected clients matching its pattern in the proxy's {@code /connections}: how real
 * boards are found, and how the engine knows its emulated ones are up before the timeline starts.
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
        }
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
