package dev.faultlab.proxy.capture;

/**
 * Where one connection's pcap records go: a file of {@code --capture DIR} or an HTTP stream of
 * {@code GET /connections/{id}/capture}. The sink writes the pcap file header itself. Every method
 * is called on the connection's event loop and must return at once: a sink queues with a bound and
 * writes on another thread.
 */
public interface CaptureSink {

    /** The 24-byte pcap file header every sink writes first. */
    static byte[] fileHeader() {
        return PcapRecords.FILE_HEADER.clone();
    }

    /**
     * Whether the sink needs the client id before its first records (a file named after it): then
     * records wait, within a bound, until the client is known.
     */
    default boolean namedByClient() {
        return false;
    }

    /**
     * Called once, before the first records: with the client id of the connection's CONNECT, or
     * null for plain TCP, a client id not seen in time, or a sink not {@link #namedByClient}.
     */
    void begin(String clientId);

    /** A batch of {@code count} formatted pcap records (record headers included). */
    void records(byte[] batch, int count);

    /** The capture is over: the connection closed. Called once; nothing follows. */
    void end();

    /** Whether the sink takes no more records (its reader left, its time or size ran out). */
    boolean done();
}
