package dev.faultlab.proxy.net;

import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicMeter;

/**
 * Counts the bytes of one direction of a proxy as they move: received from the source socket and
 * sent to the destination socket; and, less often, the time the source was left unread and what the
 * direction's toxics do. Called on the data path, so implementations are lock-free.
 */
public interface TrafficMeter {
    TrafficMeter NONE = new TrafficMeter() {
        @Override
        public void received(int bytes) {
        }

        @Override
        public void sent(int bytes) {
        }
    };

    void received(int bytes);

    void sent(int bytes);

    /** The source was left unread for {@code nanos}: backpressure, or a toxic paused it. */
    default void paused(long nanos) {
    }

    /** Where the actions of {@code toxic} (one of this direction's) are counted. */
    default ToxicMeter toxic(ToxicDefinition toxic) {
        return ToxicMeter.NONE;
    }

    /** Makes the meter of one direction of one proxy. */
    interface Factory {
        Factory NONE = (proxy, listen, upstream, direction) -> TrafficMeter.NONE;

        TrafficMeter meter(String proxy, String listen, String upstream, Direction direction);

        /** Makes the per-client meter of one new connection of {@code proxy}. */
        default SessionMeter session(String proxy) {
            return SessionMeter.NONE;
        }
    }
}
