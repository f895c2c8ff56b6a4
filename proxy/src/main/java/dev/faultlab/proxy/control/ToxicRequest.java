package dev.faultlab.proxy.control;

import java.util.Map;

/**
 * A toxic as a client sends it. On creation the absent fields take Toxiproxy's defaults (stream
 * downstream, toxicity 1, name {@code <type>_<stream>}); on update only {@code attributes} (merged
 * key by key) and {@code toxicity} count.
 */
public record ToxicRequest(String name, String type, String stream, Double toxicity, Map<String, Object> attributes) {
}
