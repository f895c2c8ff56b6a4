package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.toxic.Toxic;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MQTT and connection-level faults by their API type name, for
 * {@code ToxicTypes.standard().with(MqttToxics.types())} in the composition root.
 */
public final class MqttToxics {
    private MqttToxics() {
    }

    public static Map<String, Class<? extends Toxic>> types() {
        Map<String, Class<? extends Toxic>> table = new LinkedHashMap<>();
        table.put("mqtt_drop", MqttDropToxic.class);
        table.put("mqtt_delay", MqttDelayToxic.class);
        table.put("mqtt_hold", MqttHoldToxic.class);
        table.put("mqtt_connack", MqttConnackToxic.class);
        table.put("mqtt_disconnect", MqttDisconnectToxic.class);
        table.put("mqtt_duplicate", MqttDuplicateToxic.class);
        table.put("zero_window", ZeroWindowToxic.class);
        table.put("half_open", HalfOpenToxic.class);
        return table;
    }
}
