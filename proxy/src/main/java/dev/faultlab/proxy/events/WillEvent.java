package dev.faultlab.proxy.events;

import java.time.Instant;

/**
 * {@code will_published}: the upstream broker published a device's will, as the will watcher (an
 * MQTT client of that broker subscribed to the will topic) received it. {@code connection} is the
 * device's connection whose loss the will reports, {@code time} when the watcher received it.
 *
 * @param qos            the QoS the will was registered with in the CONNECT
 * @param retain         the retain flag the will was registered with in the CONNECT
 * @param payloadSize    bytes of payload received
 * @param latencyMillis  from the loss the proxy observed (the connection's close, or when a fault
 *                       began acting on a connection still open) to the will's arrival; null when
 *                       no loss was observed
 * @param connectionAlive whether the device's connection still looked alive at the proxy (both
 *                       sockets open: the half-open case)
 * @param loss           what the loss was: the close cause ({@code client_fin}, {@code api_cut},
 *                       {@code toxic}…), {@code fault_applied:<toxic>} on a live connection a fault
 *                       acted on, or null
 */
public record WillEvent(Instant time, long connection, String proxy, String clientId, String topic, int qos,
                        boolean retain, int payloadSize, Double latencyMillis, boolean connectionAlive, String loss)
        implements ProxyEvent {
    @Override
    public String type() {
        return "will_published";
    }
}
