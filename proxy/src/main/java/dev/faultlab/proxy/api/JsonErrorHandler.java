package dev.faultlab.proxy.api;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself, before or around the API handler (an unparsable request line, an
 * ambiguous URI, a header too large), in the API's error shape {@code {"error","status"}} rather
 * than Jetty's HTML page: Toxiproxy's clients fail on an error body without an {@code error} key.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) {
        ApiResponse.error(code, describe(code, message)).send(response, callback);
    }

    private static String describe(int code, String message) {
        return message == null || message.isEmpty() ? HttpStatus.getMessage(code) : message;
    }
}
