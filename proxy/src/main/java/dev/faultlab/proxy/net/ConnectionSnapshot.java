package dev.faultlab.proxy.net;

import dev.faultlab.proxy.mqtt.SessionState;
import java.time.Instant;
import java.util.List;

/**
 * One live connection as it was at one moment, taken on its event loop: identity, the MQTT
 * session the tracker follows, bytes each way, what TCP holds back each way and the toxics acting
 * on it.
 *
 * @param remote the client's address, {@code ip:port}
 * @param upReceived bytes read from the client
 * @param upSent bytes written towards the upstream (after toxics)
 * @param downReceived bytes read from the upstream
 * @param downSent bytes written towards the client (after toxics, injected replies included)
 * @param windows the peers' advertised windows and the bytes they have not acknowledged yet
 * @param toxics names of the toxics acting on the connection now, upstream then downstream
 */
public record ConnectionSnapshot(long id, String proxy, String remote, Instant since, SessionState session,
                                 long upReceived, long upSent, long downReceived, long downSent,
                                 TcpWindows windows, List<String> toxics) {

    public ConnectionSnapshot {
        toxics = List.copyOf(toxics);
    }
}
