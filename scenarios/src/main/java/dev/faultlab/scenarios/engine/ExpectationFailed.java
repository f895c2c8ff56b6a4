package dev.faultlab.scenarios.engine;

/** A step's expectation did not hold; the message says what was expected and what was seen instead. */
final class ExpectationFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ExpectationFailed(String message) {
        super(message);
    }
}
