package dev.faultlab.emulator;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A fleet: {@code count} devices made from one template.
 *
 * @param template        every device's configuration, but for the client id and the will topic
 * @param clientIdPattern client ids with {@code {n}} replaced by the device's index (0-based); null
 *                        for the ESP32 default ids derived from the seed and the index; empty for the
 *                        null client id on every device ({@code set_null_client_id})
 * @param publishPlan     null for devices that publish nothing
 * @param connectRate     devices started per second, so a large fleet does not connect all at once
 * @param seed            client ids, packet ids and reconnect phases come from it
 */
public record FleetConfig(DeviceConfig template, int count, String clientIdPattern, PublishPlan publishPlan,
                          int connectRate, long seed) {
    /** The placeholder for the device's index in a client id pattern. */
    public static final String INDEX = "{n}";

    public FleetConfig {
        if (count < 1) {
            throw new IllegalArgumentException("a fleet needs at least one device: " + count);
        }
        if (connectRate < 1) {
            throw new IllegalArgumentException("the connect rate must be positive: " + connectRate);
        }
        if (clientIdPattern != null && !clientIdPattern.isEmpty() && count > 1 && !clientIdPattern.contains(INDEX)) {
            throw new IllegalArgumentException("the client id pattern needs " + INDEX + " for " + count
                    + " devices: " + clientIdPattern);
        }
    }

    /** The client ids, in device order. */
    public List<String> clientIds() {
        if (clientIdPattern == null) {
            return ClientIds.distinct(seed, count);
        }
        return IntStream.range(0, count)
                .mapToObj(n -> clientIdPattern.replace(INDEX, Integer.toString(n)))
                .toList();
    }

    /**
     * The configuration of the device with {@code clientId}: the template's will topic and
     * subscription filters get its {@code {id}}.
     */
    public DeviceConfig deviceConfig(String clientId) {
        DeviceConfig config = template.withClientId(clientId).withSubscriptions(template.subscriptions().stream()
                .map(s -> new Subscription(s.filter().replace(PublishPlan.ID, clientId), s.qos())).toList());
        Will will = template.will();
        if (will == null) {
            return config;
        }
        return config.withWill(new Will(will.topic().replace(PublishPlan.ID, clientId), will.payload(), will.qos(),
                will.retain(), will.delaySeconds()));
    }

    /** Milliseconds after the fleet's start at which device {@code index} starts. */
    public long startDelayMillis(int index) {
        return index * 1_000L / connectRate;
    }
}
