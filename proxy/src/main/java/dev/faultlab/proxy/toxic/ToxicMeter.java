package dev.faultlab.proxy.toxic;

/**
 * Counts what one toxic does on one proxy ({@link ToxicAction}s). The chain asks for one per toxic
 * and connection direction when the toxic is set up, so counting on the data path needs no label
 * lookup; implementations are lock-free.
 */
@FunctionalInterface
public interface ToxicMeter {
    ToxicMeter NONE = (action, count) -> { };

    void count(ToxicAction action, int count);
}
