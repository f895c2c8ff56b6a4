package dev.faultlab.proxy.toxic;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The table of toxic types: Toxiproxy name to attribute record. Parses attributes from JSON
 * values (keys case-insensitive, unknown keys ignored, missing ones 0) and renders them back with
 * every attribute of the type present, as Toxiproxy's clients expect.
 */
public final class ToxicTypes {
    private static final ObjectMapper ATTRIBUTES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private final Map<String, Class<? extends Toxic>> types;

    private ToxicTypes(Map<String, Class<? extends Toxic>> types) {
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** Toxiproxy's standard toxics. */
    public static ToxicTypes standard() {
        Map<String, Class<? extends Toxic>> table = new LinkedHashMap<>();
        table.put("latency", LatencyToxic.class);
        table.put("bandwidth", BandwidthToxic.class);
        table.put("slow_close", SlowCloseToxic.class);
        table.put("timeout", TimeoutToxic.class);
        table.put("reset_peer", ResetPeerToxic.class);
        table.put("slicer", SlicerToxic.class);
        table.put("limit_data", LimitDataToxic.class);
        table.put("noop", NoopToxic.class);
        return new ToxicTypes(table);
    }

    /** This table plus more types (e.g. the MQTT faults). */
    public ToxicTypes with(Map<String, Class<? extends Toxic>> more) {
        Map<String, Class<? extends Toxic>> table = new LinkedHashMap<>(types);
        table.putAll(more);
        return new ToxicTypes(table);
    }

    public boolean isKnown(String type) {
        return type != null && types.containsKey(type);
    }

    public Set<String> names() {
        return types.keySet();
    }

    /**
     * Builds a toxic of {@code type} from JSON attribute values laid over {@code base} (null for
     * a new toxic), and validates it.
     *
     * @throws IllegalArgumentException with a message for the API user
     */
    public Toxic parse(String type, Toxic base, Map<String, Object> attributes) {
        Class<? extends Toxic> cls = types.get(type);
        if (cls == null) {
            throw new IllegalArgumentException("invalid toxic type");
        }
        Map<String, Object> merged = base == null ? new LinkedHashMap<>() : render(base);
        if (attributes != null) {
            attributes.forEach((key, value) -> merged.put(canonicalKey(merged, key), value));
        }
        Toxic toxic;
        try {
            toxic = ATTRIBUTES.convertValue(merged, cls);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad request body: invalid attributes for " + type
                    + ": " + firstLine(e.getMessage()), e);
        }
        toxic.validate();
        return base == null ? toxic : toxic.carriedFrom(base);
    }

    /** The attributes of {@code toxic}, every one present, in declaration order. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> render(Toxic toxic) {
        return ATTRIBUTES.convertValue(toxic, LinkedHashMap.class);
    }

    private static String canonicalKey(Map<String, Object> merged, String key) {
        for (String existing : merged.keySet()) {
            if (existing.equalsIgnoreCase(key)) {
                return existing;
            }
        }
        return key;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
