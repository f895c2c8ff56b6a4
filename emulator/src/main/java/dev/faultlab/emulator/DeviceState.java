package dev.faultlab.emulator;

/** The esp-mqtt client states. */
public enum DeviceState {
    /** Connecting: TCP connect, CONNECT written, waiting for CONNACK. */
    INIT,
    CONNECTED,
    /** Aborted; sleeping in slices of R/2 until more than R has passed. */
    WAIT_RECONNECT,
    /** Stopped (or never started). */
    DISCONNECTED
}
