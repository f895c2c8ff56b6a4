package dev.faultlab.proxy.toxic;

/**
 * A configured toxic: its attributes, as the API shows them, and nothing else.
 *
 * <p>Implementations are immutable records registered under their Toxiproxy name in
 * {@link ToxicTypes}. For every connection and direction the toxic applies to, the chain asks it
 * for a {@link ToxicStage}, which holds the per-connection state.
 */
public interface Toxic {

    /** Starts this toxic on one direction of one connection. */
    ToxicStage start(ToxicContext context);

    /**
     * Checks the attributes; throws {@link IllegalArgumentException} with a message for the API
     * user (it becomes a 400) when a value makes no sense, e.g. a negative rate.
     */
    default void validate() {
    }

    /**
     * Whether the toxic looks at MQTT packets (the chunk layouts). While one does, every packet is
     * listed in the layouts, QoS 0 PUBLISH included.
     */
    default boolean inspectsPackets() {
        return false;
    }

    /**
     * Checks that the toxic can work on {@code stream}; throws {@link IllegalArgumentException} (a
     * 400) when it cannot, e.g. a fault that answers the client's CONNECT added downstream.
     */
    default void checkStream(Direction stream) {
    }

    /**
     * This toxic as an update of {@code previous} (same name and type): a toxic with state that
     * outlives connections (a budget shared by every connection of the proxy) takes it over here
     * when its attributes allow; the default has no such state.
     */
    default Toxic carriedFrom(Toxic previous) {
        return this;
    }
}
