/**
 * Toxics: the faults applied to the byte stream of one direction of one connection.
 *
 * <p>A {@link dev.faultlab.proxy.toxic.Toxic} is an immutable record of its attributes, registered
 * under its Toxiproxy name in {@link dev.faultlab.proxy.toxic.ToxicTypes}; started on a connection
 * it becomes a {@link dev.faultlab.proxy.toxic.ToxicStage}, which sees
 * {@link dev.faultlab.proxy.toxic.Chunk}s and acts only through its
 * {@link dev.faultlab.proxy.toxic.ToxicContext} (forward, drop, schedule, close, reset), never on
 * sockets. A {@link dev.faultlab.proxy.toxic.ToxicChain} runs the stages of one direction and
 * swaps them live without losing or reordering a byte. Stages that hold data share
 * {@code QueueingStage}. Units: milliseconds for latency, jitter, delays and timeouts (the slicer's
 * delay is in microseconds), KB/s (1000 bytes) for bandwidth, bytes for sizes.
 */
package dev.faultlab.proxy.toxic;
