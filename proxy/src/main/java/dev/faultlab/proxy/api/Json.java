package dev.faultlab.proxy.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultlab.proxy.control.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON as Toxiproxy reads and writes it: keys matched case-insensitively, unknown fields ignored,
 * any body that is not JSON a 400 {@code bad request body: …} (an empty one {@code …: EOF}, as Go's
 * decoder says).
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        requireContent(body);
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw badBody(e);
        }
    }

    static <T> T read(byte[] body, TypeReference<T> type) {
        requireContent(body);
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw badBody(e);
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static void requireContent(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.badRequest("bad request body: EOF");
        }
    }

    private static ApiException badBody(IOException e) {
        String detail = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        int cut = detail == null ? -1 : detail.indexOf('\n');
        String line = cut < 0 ? String.valueOf(detail) : detail.substring(0, cut);
        return new ApiException(400, "bad request body: " + line, e);
    }
}
