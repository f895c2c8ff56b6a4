/**
 * The control plane's HTTP API on Jetty 12 core handlers: a drop-in for Toxiproxy 2.12's API
 * (see docs/TOXIPROXY-COMPAT in the shared design notes) plus {@code /metrics}, the connections
 * routes and the {@code /events} stream of server-sent events (docs/EVENTS.md).
 *
 * <p>{@link dev.faultlab.proxy.api.ApiServer} owns Jetty; {@code ApiRoutes} is the route table;
 * each route has one small endpoint class that parses, calls the
 * {@link dev.faultlab.proxy.control.ProxyRegistry} and serialises. Every failure travels one path:
 * a {@link dev.faultlab.proxy.control.ApiException} rendered as
 * {@code {"error":"<message>","status":<code>}}.
 */
package dev.faultlab.proxy.api;
