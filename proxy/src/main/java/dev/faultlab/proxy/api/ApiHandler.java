package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher: finds the route, decodes the query, reads the raw body (never form-parsed,
 * whatever the Content-Type), runs the endpoint and writes its answer (or hands the response to
 * the event stream it opened). The one error path: an
 * {@link ApiException} becomes its status and {@code {"error","status"}}; anything else a 500.
 * Blocking: the registry's calls are short and synchronous, so they run on Jetty's pool thread.
 */
final class ApiHandler extends Handler.Abstract {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final RouteTable routes;

    ApiHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        answer(request, response).send(request, response, callback);
        return true;
    }

    private Reply answer(Request request, Response response) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            RouteTable.Bound route = routes.find(method, path);
            return route.endpoint().handle(new ApiCall(route.params(), query(request), body(request),
                    ToxicListing.forUserAgent(request.getHeaders().get(HttpHeader.USER_AGENT))));
        } catch (RouteTable.MethodNotAllowed e) {
            response.getHeaders().put(HttpHeader.ALLOW, e.allow());
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (ApiException e) {
            LOG.debug("{} {}: {} {}", method, path, e.status(), e.getMessage());
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            return ApiResponse.error(500, "internal error: " + e);
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new ApiException(400, "bad query string: " + e.getMessage(), e);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : fields.getNames()) {
            query.put(name, fields.getValues(name));
        }
        return query;
    }

    private static byte[] body(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw ApiException.badRequest("bad request body: larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "bad request body: " + e.getMessage(), e);
        }
    }
}
