package dev.faultlab.scenarios.engine;

import java.net.URI;

/**
 * A faultlab to run a scenario against: its control API, and which broker sits behind it. An
 * in-process lab is closed after the scenario; a running faultlab ({@code --proxy}) is left alone.
 */
public interface Target extends AutoCloseable {

    /** The control API's root, e.g. {@code http://127.0.0.1:8474}. */
    URI api();

    /** {@code embedded}, {@code mosquitto}, or {@code remote} for a faultlab the engine did not start. */
    String broker();

    @Override
    void close();

    /** A running faultlab at {@code api}, not closed by the engine. */
    static Target remote(URI api) {
        return new Target() {
            @Override
            public URI api() {
                return api;
            }

            @Override
            public String broker() {
                return "remote";
            }

            @Override
            public void close() {
            }
        };
    }
}
