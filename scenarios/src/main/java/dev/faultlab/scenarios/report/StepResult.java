package dev.faultlab.scenarios.report;

/**
 * What one step did.
 *
 * @param index       1-based position in the timeline
 * @param atSeconds   when the step ended, seconds since the scenario's start
 * @param observation what was seen ({@code after 2.041s}, {@code 3 events}, the failure's reason)
 */
public record StepResult(int index, String description, Status status, double atSeconds, String observation) {

    /** How a step ended. */
    public enum Status {
        OK("ok"), FAILED("FAILED"), SKIPPED("skipped"), NOT_APPLICABLE("n/a:");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
