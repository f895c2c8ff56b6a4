package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttMessage;

/**
 * How a device reaches its broker: opens a link and reports back, on the device's scheduler
 * thread, what happens to it. Messages handed to {@link Link#send} belong to the link from then on;
 * messages handed to {@link Handler#received} are released by the link after the call.
 */
public interface Transport {

    /**
     * Starts a TCP connect to {@code host:port}; outcomes arrive at {@code handler}.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, set before the connect (so the window
     *                      the device advertises stays about that small); 0 for the system's default
     */
    Link open(String host, int port, int receiveBuffer, Handler handler);

    /** One connection. */
    interface Link {
        /** Writes one packet (it is released once written or failed). */
        void send(MqttMessage message);

        /** Closes the socket without sending anything more. Idempotent; no callback follows. */
        void close();

        /** True while packets handed to {@link #send} have not all been written to the socket. */
        boolean writePending();

        /** How many packets were completely written so far (progress for the write timeout). */
        long writesCompleted();

        /** True while the bytes received so far end inside a packet. */
        boolean readingPartialPacket();

        /**
         * Stops ({@code false}) or resumes taking bytes from the socket. Unread bytes wait in the TCP
         * receive buffer, so the window the device advertises shrinks by what the peer sends.
         */
        void reading(boolean on);
    }

    /** Callbacks for one link, on the device's thread, none after the link was closed by the device. */
    interface Handler {
        void connected();

        void connectFailed(Throwable cause);

        void received(MqttMessage message);

        /** Bytes arrived that leave a packet unfinished. */
        void partialData();

        /** The peer closed, or the socket failed. */
        void closed(Throwable cause);
    }
}
