package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one scenario run and everything it must undo: the faults it added (removed one by
 * one by name, never with {@code /reset}, so a shared lab's other toxics stay), the proxy's enabled
 * and hang settings, its emulated devices, side clients and event streams. {@link #close()} undoes
 * all of it whatever happened, and may be called more than once (a run's end and a shutdown hook).
 */
final class RunContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    final Scenario scenario;
    final String label;
    final Map<String, Quantity> params;
    final ProxyApi api;
    final EventLog log = new EventLog();
    final boolean real;
    final long startNanos = System.nanoTime();
    private final Map<String, Long> marks = new HashMap<>();
    private final Set<String> faults = new LinkedHashSet<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, SideClient> sideClients = new HashMap<>();
    private Long lastDisruption;
    private JsonNode proxyBefore;
    private Emulation emulation;
    private ConnectionSamples samples;
    private final Path captureFolder;
    private Captures captures;
    private boolean closed;

    /**
     * @param label         the run's label (scenario, variant, broker)
     * @param captureFolder where capture steps write, or null for a temporary folder
     */
    RunContext(Scenario scenario, String label, Map<String, Quantity> params, ProxyApi api, boolean real,
               Path captureFolder) {
        this.scenario = scenario;
        this.label = label;
        this.params = params;
        this.api = api;
        this.real = real;
        this.captureFolder = captureFolder;
    }

    String proxy() {
        return scenario.proxy();
    }

    DeviceSpec device(String alias) {
        return scenario.devices().get(alias);
    }

    /** The toxic's name on the proxy: {@code <scenario>.<name>}, what Grafana's fault metrics show. */
    String toxicName(String fault) {
        return scenario.name() + "." + fault;
    }

    synchronized void faultAdded(String toxic) {
        faults.add(toxic);
    }

    synchronized void faultRemoved(String toxic) {
        faults.remove(toxic);
    }

    synchronized List<String> faults() {
        return List.copyOf(faults);
    }

    /**
     * Called before a step changes the proxy's own settings: the first time, records them (the
     * listen address as bound, enabled, hang) so cleanup can put enabled and hang back.
     *
     * @return the settings before the scenario changed any
     */
    synchronized JsonNode proxyChanged() {
        if (proxyBefore == null) {
            proxyBefore = api.proxy(proxy());
        }
        return proxyBefore;
    }

    /** The emulated devices, owned (stopped on close) from now on. */
    synchronized void emulation(Emulation devices) {
        emulation = devices;
        closeables.add(devices);
    }

    synchronized Emulation emulation() {
        return emulation;
    }

    /** The polled {@code /connections}, owned (stopped on close) from now on. */
    synchronized void samples(ConnectionSamples polled) {
        samples = polled;
        closeables.add(polled);
    }

    /** The polled {@code /connections}, or null when the scenario measures nothing from them. */
    synchronized ConnectionSamples samples() {
        return samples;
    }

    /** The run's packet captures, owned (ended on close) from the first capture step on. */
    synchronized Captures captures() {
        if (captures == null) {
            captures = new Captures(api, label, captureFolder);
            closeables.add(captures);
        }
        return captures;
    }

    synchronized void own(AutoCloseable resource) {
        closeables.add(resource);
    }

    /** Records step {@code id}'s mark, and whether the step disrupted the link (fault, cut, outage, device action). */
    void mark(String id, long nanos, boolean disruption) {
        if (id != null) {
            marks.put(id, nanos);
        }
        if (disruption) {
            lastDisruption = nanos;
        }
    }

    /** Where a window starts: {@code from} a step's mark, the scenario's {@code start}, or {@code otherwise}. */
    long anchor(String from, long otherwise) {
        if (from == null) {
            return otherwise;
        }
        return from.equals("start") ? startNanos : marks.get(from);
    }

    /** The mark of the last disruption, or null. */
    Long lastDisruption() {
        return lastDisruption;
    }

    double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    /** The side client for {@code via} ({@code broker}: the proxy's upstream; {@code proxy}: its listen address). */
    synchronized SideClient side(String via) {
        SideClient client = sideClients.get(via);
        if (client == null) {
            JsonNode proxy = api.proxy(proxy());
            Addresses.Address address = Addresses.connectable(
                    proxy.path(via.equals("broker") ? "upstream" : "listen").asText());
            client = SideClient.connect(address.host(), address.port(),
                    "faultlab-side-" + UUID.randomUUID().toString().substring(0, 8), log);
            sideClients.put(via, client);
            closeables.add(client);
        }
        return client;
    }

    @Override
    public void close() {
        List<String> toRemove;
        List<AutoCloseable> toClose;
        JsonNode restore;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toRemove = List.copyOf(faults);
            toClose = new ArrayList<>(closeables);
            restore = proxyBefore;
        }
        if (restore != null) {
            try {
                api.updateProxy(proxy(), ProxyApi.JSON.createObjectNode()
                        .put("enabled", restore.path("enabled").asBoolean())
                        .put("hang", restore.path("hang").asBoolean(false)));
            } catch (RuntimeException e) {
                LOG.warn("could not restore proxy {}: {}", proxy(), e.getMessage());
            }
        }
        for (String toxic : toRemove) {
            try {
                api.removeToxic(proxy(), toxic);
                faultRemoved(toxic);
            } catch (RuntimeException e) {
                LOG.warn("could not remove fault {}: {}", toxic, e.getMessage());
            }
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                LOG.warn("cleanup of {}: {}", toClose.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
