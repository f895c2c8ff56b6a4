package dev.faultlab.scenarios.engine;

import dev.faultlab.scenarios.report.FigureResult;

/**
 * What a step that did not fail produced.
 *
 * @param observation what was seen, for the progress line and the timeline
 * @param markNanos   the step's moment for later {@code from}s: the matched event, or the end of the step
 * @param figure      the figure a {@code measure} step produced, else null
 * @param applicable  false when the step needs emulated devices and the devices are real
 */
record Outcome(String observation, long markNanos, FigureResult figure, boolean applicable) {

    static Outcome done(String observation) {
        return new Outcome(observation, System.nanoTime(), null, true);
    }

    static Outcome at(String observation, long markNanos) {
        return new Outcome(observation, markNanos, null, true);
    }

    static Outcome notApplicable() {
        return new Outcome("real device", System.nanoTime(), null, false);
    }
}
