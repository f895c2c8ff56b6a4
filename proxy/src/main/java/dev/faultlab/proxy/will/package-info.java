/**
 * The will watcher: an MQTT client of each upstream broker that subscribes to the will topics seen
 * in CONNECTs, and reports each will the broker publishes as a {@code will_published} event and in
 * metrics, timed from the loss of the device's connection the proxy observed (its close, or the
 * fault acting on a connection that still looks alive: the half-open case).
 */
package dev.faultlab.proxy.will;
