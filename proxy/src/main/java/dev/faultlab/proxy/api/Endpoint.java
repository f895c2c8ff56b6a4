package dev.faultlab.proxy.api;

/**
 * One route's work: parse the call, ask the service, say what to answer: a whole response, or an
 * event stream. Failures are thrown as {@link dev.faultlab.proxy.control.ApiException} before
 * anything is written; anything else becomes a 500.
 */
@FunctionalInterface
interface Endpoint {

    Reply handle(ApiCall call);
}
