package dev.faultlab.proxy.api;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** What to answer: a status and, unless it is empty, a body with its content type. */
record ApiResponse(int status, String contentType, byte[] body) implements Reply {
    static final String JSON = "application/json";

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, Json.write(value));
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0]);
    }

    /** The Toxiproxy error shape, {@code {"error":"<message>","status":<code>}}. */
    static ApiResponse error(int status, String message) {
        return json(status, new ErrorJson(message, status));
    }

    @Override
    public void send(Request request, Response response, Callback callback) {
        send(response, callback);
    }

    /** Writes this answer and completes {@code callback} when it has gone out. */
    void send(Response response, Callback callback) {
        response.setStatus(status);
        if (body.length == 0) {
            callback.succeeded();
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
