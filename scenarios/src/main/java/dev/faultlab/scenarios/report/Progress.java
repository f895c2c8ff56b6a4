package dev.faultlab.scenarios.report;

/** Hears a run as it goes: called on the run's thread, in order, for each step and at the end. */
public interface Progress {

    /** A step ended. */
    void step(String label, int total, StepResult result);

    /** The run ended (cleanup done). */
    void finished(RunResult result);

    /** Hears nothing. */
    static Progress none() {
        return new Progress() {
            @Override
            public void step(String label, int total, StepResult result) {
            }

            @Override
            public void finished(RunResult result) {
            }
        };
    }
}
