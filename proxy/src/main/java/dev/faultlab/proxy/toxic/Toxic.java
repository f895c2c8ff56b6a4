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
}
