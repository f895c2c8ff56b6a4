package dev.faultlab.scenarios.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.Profile;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.Expression;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.ScenarioException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code devices} section: aliases, their pattern and count, and how to emulate them. */
final class DeviceParser {
    private static final Set<String> PROTOCOLS = Set.of("3.1", "3.1.1", "5");

    private final String file;
    private final Set<String> params;

    DeviceParser(String file, Set<String> params) {
        this.file = file;
        this.params = params;
    }

    Map<String, DeviceSpec> devices(JsonNode node) {
        Map<String, DeviceSpec> devices = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return devices;
        }
        if (!node.isObject()) {
            throw new ScenarioException(file + ": 'devices' must map aliases to devices");
        }
        Map<String, String> patterns = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            DeviceSpec device = device(entry.getKey(), entry.getValue());
            String other = patterns.putIfAbsent(device.match(), device.alias());
            if (other != null) {
                throw new ScenarioException(file + ": device " + device.alias() + ": 'match': devices " + other
                        + " and " + device.alias() + " both match '" + device.match() + "'; events and faults would "
                        + "not know whose they are: give each its own pattern (and emulated client_id)");
            }
            devices.put(entry.getKey(), device);
        }
        return devices;
    }

    private DeviceSpec device(String alias, JsonNode node) {
        Fields f = new Fields(node, file + ": device " + alias, params);
        String match = f.string("match", "ESP32_*");
        int count = f.integer("count", 1);
        if (count < 1) {
            throw f.error("count", "at least one device");
        }
        JsonNode emulatedNode = f.has("emulated") ? f.node("emulated") : JsonNodeFactory.instance.objectNode();
        DeviceSpec.Emulated emulated = emulated(new Fields(emulatedNode, f.where() + ": emulated", params), count);
        if ("".equals(emulated.clientId()) && !match.equals("*")) {
            throw f.error("match", "a device with the null client id is known by the id the broker assigns: "
                    + "match \"*\" (and run it alone against real boards)");
        }
        if (emulated.clientId() != null && !Glob.matches(match, emulated.clientId().replace("{n}", "0"))) {
            throw f.error("match", "the emulated client id '" + emulated.clientId() + "' does not match '" + match
                    + "'");
        }
        boolean waitConnected = f.bool("wait_connected", true);
        f.done();
        return new DeviceSpec(alias, match, count, waitConnected, emulated);
    }

    private DeviceSpec.Emulated emulated(Fields f, int count) {
        String clientId = clientId(f);
        if (clientId != null && !clientId.isEmpty() && count > 1 && !clientId.contains("{n}")) {
            throw f.error("client_id", "needs {n} (the device's index) for " + count + " devices");
        }
        String profile = f.string("profile", Profile.ESP_IDF_5.label());
        try {
            Profile.of(profile);
        } catch (IllegalArgumentException e) {
            throw f.error("profile", e.getMessage());
        }
        String preset = f.string("preset", null);
        if (preset != null) {
            try {
                Presets.timings(preset);
            } catch (ScenarioException e) {
                throw f.error("preset", e.getMessage());
            }
        }
        Map<String, Expression> timings = new LinkedHashMap<>();
        for (String timer : Presets.params("compressed").keySet()) {
            Expression value = f.expression(timer);
            if (value != null) {
                timings.put(timer, value);
            }
        }
        String protocol = f.string("protocol", "3.1.1");
        if (!PROTOCOLS.contains(protocol)) {
            throw f.error("protocol", "'" + protocol + "' is not 3.1, 3.1.1 or 5");
        }
        DeviceSpec.Emulated emulated = new DeviceSpec.Emulated(clientId, profile, preset, timings, protocol,
                f.bool("clean_session", true), f.bool("auto_reconnect", true), f.string("username", null),
                f.string("password", null), will(f), f.expression("session_expiry"), f.integer("receive_maximum", 0),
                publish(f), subscriptions(f), esp(f, protocol, f.has("will")));
        f.done();
        return emulated;
    }

    /** {@code client_id}, or the empty id of {@code null_client_id: true}. */
    private static String clientId(Fields f) {
        String clientId = f.string("client_id", null);
        if (!f.bool("null_client_id", false)) {
            return clientId;
        }
        if (clientId != null) {
            throw f.error("null_client_id", "the device sends no client id, so 'client_id' cannot be given too");
        }
        return "";
    }

    private static DeviceSpec.EspOptions esp(Fields f, String protocol, boolean will) {
        boolean disconnectWithWill = f.bool("disconnect_with_will", false);
        if (disconnectWithWill && !protocol.equals("5")) {
            throw f.error("disconnect_with_will", "DISCONNECT reason 0x04 is MQTT 5 only; the protocol is " + protocol);
        }
        if (disconnectWithWill && !will) {
            throw f.error("disconnect_with_will", "the device has no will to publish");
        }
        int outboxLimit = f.integer("outbox_limit", 0);
        if (outboxLimit < 0) {
            throw f.error("outbox_limit", "bytes, at least 0 (0: unlimited)");
        }
        int bufferSize = f.integer("buffer_size", DeviceConfig.DEFAULT_BUFFER_SIZE);
        if (bufferSize < 1) {
            throw f.error("buffer_size", "bytes, at least 1");
        }
        int receiveBuffer = f.integer("receive_buffer", 0);
        if (receiveBuffer < 0) {
            throw f.error("receive_buffer", "bytes, at least 0 (0: the system's default)");
        }
        return new DeviceSpec.EspOptions(f.bool("disable_keepalive", false), outboxLimit, bufferSize,
                disconnectWithWill, receiveBuffer);
    }

    private DeviceSpec.WillSpec will(Fields parent) {
        if (!parent.has("will")) {
            return null;
        }
        Fields f = new Fields(parent.node("will"), parent.where() + ": will", params);
        DeviceSpec.WillSpec will = new DeviceSpec.WillSpec(f.requiredString("topic"), f.string("payload", "offline"),
                f.qos(1), f.bool("retain", false), f.expression("delay"));
        f.done();
        return will;
    }

    private DeviceSpec.PublishSpec publish(Fields parent) {
        if (!parent.has("publish")) {
            return null;
        }
        Fields f = new Fields(parent.node("publish"), parent.where() + ": publish", params);
        DeviceSpec.PublishSpec publish = new DeviceSpec.PublishSpec(f.requiredString("topic"), f.qos(1),
                f.requiredExpression("interval"), f.integer("size", 32));
        f.done();
        return publish;
    }

    private List<DeviceSpec.SubscriptionSpec> subscriptions(Fields parent) {
        List<DeviceSpec.SubscriptionSpec> subscriptions = new ArrayList<>();
        if (!parent.has("subscriptions")) {
            return subscriptions;
        }
        JsonNode list = parent.node("subscriptions");
        if (!list.isArray()) {
            throw parent.error("subscriptions", "expected a list of {filter, qos}");
        }
        int index = 1;
        for (JsonNode item : list) {
            Fields f = new Fields(item, parent.where() + ": subscription " + index++, params);
            subscriptions.add(new DeviceSpec.SubscriptionSpec(f.requiredString("filter"), f.qos(1)));
            f.done();
        }
        return subscriptions;
    }
}
