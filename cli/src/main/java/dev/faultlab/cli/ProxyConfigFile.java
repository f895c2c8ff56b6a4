package dev.faultlab.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultlab.proxy.control.ApiException;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A startup configuration as {@code toxiproxy-server -config} takes it: a JSON array of proxies in
 * the {@code /populate} format ({@code name}, {@code listen}, {@code upstream}, {@code enabled};
 * keys case-insensitive, unknown keys ignored), applied with populate's semantics.
 */
final class ProxyConfigFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ProxyConfigFile() {
    }

    /**
     * Reads {@code file} and creates its proxies in {@code registry}.
     *
     * @return the proxies as created
     * @throws IOException when the file cannot be read or parsed
     * @throws IllegalArgumentException when an entry is refused (the proxies before it stay)
     */
    static List<ProxyState> apply(Path file, ProxyRegistry registry) throws IOException {
        List<ProxyRequest> requests = JSON.readValue(file.toFile(), new TypeReference<List<ProxyRequest>>() { });
        if (requests == null) {
            throw new IllegalArgumentException(file + ": expected a JSON array of proxies");
        }
        ProxyRegistry.PopulateResult result;
        try {
            result = registry.populate(requests);
        } catch (ApiException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (result.error() != null) {
            throw new IllegalArgumentException(file + ": " + result.error().getMessage(), result.error());
        }
        return result.proxies();
    }
}
