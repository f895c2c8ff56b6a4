package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Quantity;
import dev.faultlab.scenarios.model.Step;
import java.util.List;
import java.util.Map;

/**
 * The steps that act on the proxy through its API: {@code fault}, {@code update}, {@code clear},
 * {@code cut} and {@code proxy}. A fault is recorded for cleanup before it is sent, so one the proxy took even though
 * the answer got lost is still removed.
 */
final class ProxyActions {
    private final RunContext run;

    ProxyActions(RunContext run) {
        this.run = run;
    }

    /** Adds the toxic {@code <scenario>.<name>}, scoped to the device's pattern; its mark is when it was sent. */
    Outcome fault(Step.Fault s) {
        long sent = System.nanoTime();
        String name = run.toxicName(s.name());
        ObjectNode toxic = ProxyApi.JSON.createObjectNode().put("name", name).put("type", s.type())
                .put("stream", s.stream());
        if (s.toxicity() != null) {
            toxic.put("toxicity", s.toxicity().eval(run.params).amount());
        }
        ObjectNode attributes = attributes(s.attributes());
        if (s.device() != null) {
            attributes.put("client_id", run.device(s.device()).match());
        }
        toxic.set("attributes", attributes);
        run.faultAdded(name);
        run.api.addToxic(run.proxy(), toxic);
        return Outcome.at("added " + name, sent);
    }

    Outcome update(Step.Update s) {
        long sent = System.nanoTime();
        ObjectNode body = ProxyApi.JSON.createObjectNode();
        body.set("attributes", attributes(s.attributes()));
        run.api.updateToxic(run.proxy(), run.toxicName(s.fault()), body);
        return Outcome.at("updated", sent);
    }

    Outcome clear(Step.Clear s) {
        long sent = System.nanoTime();
        List<String> names = s.faults().isEmpty() ? run.faults() : s.faults().stream().map(run::toxicName).toList();
        for (String name : names) {
            run.api.removeToxic(run.proxy(), name);
            run.faultRemoved(name);
        }
        return Outcome.at("removed " + (names.isEmpty() ? "none" : String.join(", ", names)), sent);
    }

    /** Cuts every connection of a client matching the device's pattern; its mark is when the cut began. */
    Outcome cut(Step.Cut s) throws ExpectationFailed {
        long started = System.nanoTime();
        String pattern = run.device(s.device()).match();
        int cut = 0;
        for (JsonNode connection : run.api.connections(run.proxy())) {
            if (Glob.matches(pattern, connection.path("client_id").asText(null))) {
                run.api.cut(connection.path("id").asLong(), s.mode());
                cut++;
            }
        }
        if (cut == 0) {
            throw new ExpectationFailed("no connection of a client matching " + pattern + " to cut");
        }
        return Outcome.at(cut + " connection" + (cut == 1 ? "" : "s") + " cut", started);
    }

    /**
     * Disables or enables the proxy, or switches hang mode. Disabling pins the listen address to the
     * port bound now, so enabling again binds the same port (a proxy configured with port 0 would
     * otherwise come back elsewhere and the devices would never find it).
     */
    Outcome proxy(Step.Proxy s) {
        long started = System.nanoTime();
        JsonNode before = run.proxyChanged();
        ObjectNode changes = ProxyApi.JSON.createObjectNode();
        if (s.enabled() != null) {
            changes.put("enabled", s.enabled());
        }
        if (s.hang() != null) {
            changes.put("hang", s.hang());
        }
        run.api.updateProxy(run.proxy(), changes);
        if (Boolean.FALSE.equals(s.enabled()) && before.path("enabled").asBoolean()) {
            run.api.updateProxy(run.proxy(), ProxyApi.JSON.createObjectNode().put("listen",
                    before.path("listen").asText()));
        }
        return Outcome.at(changes.toString(), started);
    }

    /** Attribute values: expressions evaluated (durations in milliseconds), everything else as written. */
    private ObjectNode attributes(Map<String, Object> attributes) {
        ObjectNode node = ProxyApi.JSON.createObjectNode();
        attributes.forEach((key, value) -> {
            if (value instanceof Expression expression) {
                Quantity q = expression.eval(run.params);
                if (q.amount() == Math.rint(q.amount())) {
                    node.put(key, (long) q.amount());
                } else {
                    node.put(key, q.amount());
                }
            } else {
                node.set(key, (JsonNode) value);
            }
        });
        return node;
    }
}
