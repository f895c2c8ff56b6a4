package dev.faultlab.emulator;

/**
 * The keepalive rule of one connection. {@code esp-idf-5}: the timer restarts on CONNECTED and on
 * PINGRESP only, a PINGREQ goes out once K/2 has passed, and K without a PINGRESP is fatal.
 * {@code esp-idf-4}: every write restarts the timer, and K/2 more with the PINGREQ unanswered is
 * fatal. One PINGREQ at a time; K = 0 never pings.
 */
final class Keepalive {
    enum Action { NONE, PING, DEAD }

    private final Profile profile;
    private final long keepalive;
    private long tick;
    private boolean waitingForPingresp;

    Keepalive(Profile profile, long keepaliveMillis, long now) {
        this.profile = profile;
        this.keepalive = keepaliveMillis;
        this.tick = now;
    }

    void onWrite(long now) {
        if (profile == Profile.ESP_IDF_4) {
            tick = now;
        }
    }

    void onPingresp(long now) {
        waitingForPingresp = false;
        if (profile == Profile.ESP_IDF_5) {
            tick = now;
        }
    }

    /** What the main loop must do now; {@link Action#PING} marks the PINGREQ as outstanding. */
    Action check(long now) {
        if (keepalive == 0 || now - tick < keepalive / 2) {
            return Action.NONE;
        }
        if (!waitingForPingresp) {
            waitingForPingresp = true;
            return Action.PING;
        }
        if (profile == Profile.ESP_IDF_4 || now - tick >= keepalive) {
            return Action.DEAD;
        }
        return Action.NONE;
    }
}
