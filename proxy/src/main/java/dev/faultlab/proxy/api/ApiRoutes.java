package dev.faultlab.proxy.api;

import dev.faultlab.proxy.control.LiveConnections;
import dev.faultlab.proxy.control.ProxyRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The route table of the control API, in one place: Toxiproxy 2.12's routes, {@code /metrics}, and
 * faultlab's connections (with their live capture) and events.
 */
final class ApiRoutes {
    private static final String PROXY = "/proxies/{proxy}";
    private static final String TOXIC = PROXY + "/toxics/{toxic}";
    private static final String CONNECTION = "/connections/{id}";

    private ApiRoutes() {
    }

    static RouteTable table(ProxyRegistry registry, PrometheusRegistry metrics, ApiServer.Options options) {
        Endpoint updateProxy = new UpdateProxyHandler(registry);
        Endpoint updateToxic = new UpdateToxicHandler(registry);
        LiveConnections connections = new LiveConnections(registry);
        return new RouteTable()
                .add("GET", "/proxies", new ListProxiesHandler(registry))
                .add("POST", "/proxies", new CreateProxyHandler(registry))
                .add("POST", "/populate", new PopulateHandler(registry))
                .add("GET", PROXY, new GetProxyHandler(registry))
                .add("POST", PROXY, updateProxy)
                .add("PATCH", PROXY, updateProxy)
                .add("DELETE", PROXY, new DeleteProxyHandler(registry))
                .add("GET", PROXY + "/toxics", new ListToxicsHandler(registry))
                .add("POST", PROXY + "/toxics", new CreateToxicHandler(registry))
                .add("GET", TOXIC, new GetToxicHandler(registry))
                .add("POST", TOXIC, updateToxic)
                .add("PATCH", TOXIC, updateToxic)
                .add("DELETE", TOXIC, new DeleteToxicHandler(registry))
                .add("POST", "/reset", new ResetHandler(registry))
                .add("GET", "/version", new VersionHandler(options.version()))
                .add("GET", "/metrics", new MetricsHandler(metrics))
                .add("GET", "/connections", new ListConnectionsHandler(connections))
                .add("GET", CONNECTION, new GetConnectionHandler(connections))
                .add("DELETE", CONNECTION, new CutConnectionHandler(connections))
                .add("GET", CONNECTION + "/capture", new CaptureHandler(connections))
                .add("GET", "/events", new EventsHandler(registry.events(), options.eventQueue(), options.heartbeat()));
    }
}
