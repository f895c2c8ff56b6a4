package dev.faultlab.proxy.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.control.ProxyRegistry;
import java.util.Map;

/**
 * A toxic as Toxiproxy shows it: {@code {"attributes":{…},"name","type","stream","toxicity"}},
 * with every attribute of the type present (the Java client reads each one).
 */
@JsonPropertyOrder({"attributes", "name", "type", "stream", "toxicity"})
record ToxicJson(Map<String, Object> attributes, String name, String type, String stream, double toxicity) {

    static ToxicJson of(ToxicDefinition def, ProxyRegistry registry) {
        return new ToxicJson(registry.attributes(def), def.name(), def.type(), def.stream().jsonName(),
                def.toxicity());
    }
}
