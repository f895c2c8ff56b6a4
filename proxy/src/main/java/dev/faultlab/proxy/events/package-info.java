/**
 * Typed, immutable events of what the proxy saw (connections, MQTT packets) and the
 * {@link dev.faultlab.proxy.events.EventBus} that fans them out.
 */
package dev.faultlab.proxy.events;
