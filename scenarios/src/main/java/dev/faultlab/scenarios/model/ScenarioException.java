package dev.faultlab.scenarios.model;

/**
 * A scenario that cannot run as written: a parse or validation error (naming the file, the step
 * and the key), or an expression that does not evaluate. The CLI exits with 2 on it.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
