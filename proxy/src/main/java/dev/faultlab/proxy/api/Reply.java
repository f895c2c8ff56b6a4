package dev.faultlab.proxy.api;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What an endpoint answers: a whole response ({@link ApiResponse}), or an open stream of
 * server-sent events ({@link EventStream}) that writes to the response until the client leaves, or
 * a live packet capture ({@link CaptureStream}).
 */
sealed interface Reply permits ApiResponse, EventStream, CaptureStream {

    /** Writes the answer; completes {@code callback} when the response is done. */
    void send(Request request, Response response, Callback callback);
}
