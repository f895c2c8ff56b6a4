package dev.faultlab.emulator;

/**
 * MQTT 5 flow control as esp-mqtt 5.x keeps it: the server's Receive Maximum from the CONNACK
 * (65535 when absent) against a count of QoS 1/2 PUBLISH packets written and not acknowledged. The
 * count restarts at 0 with every accepted CONNACK, grows with every QoS 1/2 PUBLISH written (first
 * sends and, as in IDF 5.x, DUP re-sends; master counts first sends only) and shrinks with every
 * PUBACK and PUBCOMP. A publish is refused while the count is above the Receive Maximum, so with slow
 * acks the re-sends use the budget up and publishing fails until the next reconnect.
 */
final class FlowControl {
    static final int DEFAULT_RECEIVE_MAXIMUM = 65535;

    private int receiveMaximum = DEFAULT_RECEIVE_MAXIMUM;
    private int inflight;

    /** An accepted CONNACK with the server's Receive Maximum. */
    void connected(int serverReceiveMaximum) {
        receiveMaximum = serverReceiveMaximum;
        inflight = 0;
    }

    /** A QoS 1/2 PUBLISH was written. */
    void sent() {
        inflight++;
    }

    /** A PUBACK or PUBCOMP arrived. */
    void acked() {
        if (inflight > 0) {
            inflight--;
        }
    }

    /** True while a new publish must be refused ({@code MQTT5 publish check fail}). */
    boolean exceeded() {
        return inflight > receiveMaximum;
    }

    int receiveMaximum() {
        return receiveMaximum;
    }
}
