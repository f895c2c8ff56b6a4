package dev.faultlab.proxy.mqtt.codec;

/** A packet's content does not parse (truncated, inconsistent lengths, unknown property). */
public final class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
