package dev.faultlab.proxy.net;

import dev.faultlab.proxy.toxic.Direction;

/**
 * Counts the bytes of one direction of a proxy as they move: received from the source socket and
 * sent to the destination socket. Called on the data path, so implementations are lock-free.
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

    /** Makes the meter of one direction of one proxy. */
    interface Factory {
        Factory NONE = (proxy, listen, upstream, direction) -> TrafficMeter.NONE;

        TrafficMeter meter(String proxy, String listen, String upstream, Direction direction);
    }
}
