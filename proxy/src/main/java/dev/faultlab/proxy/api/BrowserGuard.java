package dev.faultlab.proxy.api;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Toxiproxy's CSRF guard: a request whose User-Agent starts with {@code Mozilla/} (a browser) is
 * refused with 403 before it reaches any route, so a web page cannot drive the proxy. Left out
 * when {@link ApiServer.Options#allowBrowsers()} is set.
 */
final class BrowserGuard extends Handler.Wrapper {

    BrowserGuard(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String agent = request.getHeaders().get(HttpHeader.USER_AGENT);
        if (agent != null && agent.startsWith("Mozilla/")) {
            ApiResponse.error(403, "User agent not allowed").send(response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
