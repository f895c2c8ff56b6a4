/**
 * Typed, immutable events of what the proxy saw (connections, MQTT packets, wills the broker published), the
 * {@link dev.faultlab.proxy.events.EventBus} that fans them out, their one JSON form
 * ({@link dev.faultlab.proxy.events.EventJson}), subscriber filters, the bounded queue between the
 * event loops and a writer, and the JSON-lines journal.
 */
package dev.faultlab.proxy.events;
