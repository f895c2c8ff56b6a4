package dev.faultlab.emulator;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's log in the ESP-IDF format, {@code E (12345) mqtt_client: No PING_RESP, disconnected}:
 * level letter, uptime in milliseconds, tag, text. Lines go to a {@link Sink}; the default one
 * writes them to slf4j with the client id in front.
 */
public final class EspLog {
    private static final Logger LOG = LoggerFactory.getLogger("faultlab.device");
    /** The esp-mqtt client's tag. */
    static final String TAG = "mqtt_client";
    /** The tag of the application's event handler (as in the ESP-IDF MQTT examples). */
    static final String APP_TAG = "mqtt_example";

    /** Where the lines of one device go. */
    @FunctionalInterface
    public interface Sink {
        void line(String clientId, String line);

        /** Logs through slf4j (logger {@code faultlab.device}). */
        static Sink slf4j() {
            return (clientId, line) -> LOG.info("{} {}", clientId, line);
        }
    }

    private final Sink sink;
    private final Scheduler clock;
    private final long bootMillis;
    private final Supplier<String> clientId;
    private final String tag;

    /** @param clientId read for every line: a device with the null client id learns its id from the broker */
    EspLog(Sink sink, Scheduler clock, Supplier<String> clientId, String tag) {
        this.sink = sink;
        this.clock = clock;
        this.bootMillis = clock.nowMillis();
        this.clientId = clientId;
        this.tag = tag;
    }

    /** Milliseconds since the device booted (was created). */
    long uptime() {
        return clock.nowMillis() - bootMillis;
    }

    void info(String text) {
        write('I', text);
    }

    void warn(String text) {
        write('W', text);
    }

    void error(String text) {
        write('E', text);
    }

    private void write(char level, String text) {
        sink.line(clientId.get(), level + " (" + uptime() + ") " + tag + ": " + text);
    }
}
