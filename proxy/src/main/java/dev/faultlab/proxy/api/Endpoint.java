package dev.faultlab.proxy.api;

/**
 * One route's work: parse the call, ask the service, say what to answer. Failures are thrown as
 * {@link dev.faultlab.proxy.control.ApiException}; anything else becomes a 500.
 */
@FunctionalInterface
interface Endpoint {

    ApiResponse handle(ApiCall call);
}
