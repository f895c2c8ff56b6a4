package dev.faultlab.proxy.net;

import dev.faultlab.proxy.mqtt.SessionTracker;
import java.util.concurrent.TimeUnit;

/**
 * Tells a close that the MQTT keepalive explains from one that merely happened: a client that
 * closes (FIN or RST) while its PINGREQ has waited a quarter of the keepalive or more gave up on the
 * broker ({@link CloseCause#CLIENT_KEEPALIVE}, esp-mqtt's "No PING_RESP, disconnected"); a broker
 * that closes after receiving nothing from the client for 1.35 × keepalive or more (MQTT allows
 * 1.5 ×; the margin covers the broker's own timer), or that said so with an MQTT 5 DISCONNECT 0x8D,
 * expired the session's keepalive ({@link CloseCause#UPSTREAM_KEEPALIVE}). Every other cause, a
 * session without keepalive, and one that was disconnecting stay as they are.
 */
final class KeepaliveVerdict {
    private KeepaliveVerdict() {
    }

    /** The cause to report for a close observed as {@code cause} at {@code nanoTime}. */
    static CloseCause explain(CloseCause cause, SessionTracker session, long nanoTime) {
        boolean byClient = cause == CloseCause.CLIENT_FIN || cause == CloseCause.CLIENT_RST;
        boolean byUpstream = cause == CloseCause.UPSTREAM_FIN || cause == CloseCause.UPSTREAM_RST;
        if (byUpstream && session.keepAliveTimeoutFromServer()) {
            return CloseCause.UPSTREAM_KEEPALIVE;
        }
        long keepAliveNanos = TimeUnit.SECONDS.toNanos(session.state().keepAlive());
        if (keepAliveNanos == 0 || session.state().phase().equals("disconnecting")) {
            return cause;
        }
        if (byClient && session.pingUnansweredNanos(nanoTime) >= keepAliveNanos / 4) {
            return CloseCause.CLIENT_KEEPALIVE;
        }
        if (byUpstream && session.upstreamSilentNanos(nanoTime) >= keepAliveNanos * 27 / 20) {
            return CloseCause.UPSTREAM_KEEPALIVE;
        }
        return cause;
    }
}
