/**
 * The control service behind the Toxiproxy API: {@link dev.faultlab.proxy.control.ProxyRegistry}
 * holds the named proxies and their toxics, applies Toxiproxy's semantics (populate, reset, partial
 * updates, listen resolution) and reports failures as {@link dev.faultlab.proxy.control.ApiException}.
 */
package dev.faultlab.proxy.control;
