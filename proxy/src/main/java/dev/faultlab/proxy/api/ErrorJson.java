package dev.faultlab.proxy.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Toxiproxy's error body: {@code {"error":"<message>","status":<code>}}. */
@JsonPropertyOrder({"error", "status"})
record ErrorJson(String error, int status) {
}
