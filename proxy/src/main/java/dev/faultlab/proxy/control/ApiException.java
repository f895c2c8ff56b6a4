package dev.faultlab.proxy.control;

/**
 * The one error of the control plane: a Toxiproxy error message and its HTTP status. The API layer
 * renders it as {@code {"error":"<message>","status":<code>}}.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException proxyNotFound() {
        return new ApiException(404, "proxy not found");
    }

    public static ApiException proxyExists() {
        return new ApiException(409, "proxy already exists");
    }

    public static ApiException invalidStream() {
        return new ApiException(400, "stream was invalid, can be either upstream or downstream");
    }

    public static ApiException invalidToxicType() {
        return new ApiException(400, "invalid toxic type");
    }

    public static ApiException toxicExists() {
        return new ApiException(409, "toxic already exists");
    }

    public static ApiException toxicNotFound() {
        return new ApiException(404, "toxic not found");
    }

    public static ApiException connectionNotFound() {
        return new ApiException(404, "connection not found");
    }
}
