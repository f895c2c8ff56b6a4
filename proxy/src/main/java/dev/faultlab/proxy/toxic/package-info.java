/**
 * Toxics: one small record per Toxiproxy toxic type ({@link dev.faultlab.proxy.toxic.ToxicTypes} is
 * the table), the per-connection {@link dev.faultlab.proxy.toxic.ToxicStage}s they start, the
 * {@link dev.faultlab.proxy.toxic.ToxicContext} through which a stage forwards, drops, schedules and
 * closes, and the {@link dev.faultlab.proxy.toxic.ToxicChain} that runs them in order and swaps them
 * live without losing or reordering a byte. Nothing here touches a socket.
 */
package dev.faultlab.proxy.toxic;
