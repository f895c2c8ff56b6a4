package dev.faultlab.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Default client ids the way esp-mqtt makes them: {@code ESP32_} and the last three MAC bytes. */
public final class ClientIds {
    private ClientIds() {
    }

    /** {@code ESP32_} + three bytes derived from {@code seed}, formatted {@code %02x%02X%02X}. */
    public static String fromSeed(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return String.format("ESP32_%02x%02X%02X", random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /**
     * {@code count} distinct default client ids for a fleet: the i-th is the i-th distinct draw of
     * three bytes from {@code seed}, so a fleet of thousands has no duplicate (which would make the
     * broker drop one session for the other) and the same seed gives the same ids.
     */
    public static List<String> distinct(long seed, int count) {
        if (count < 0 || count > 1 << 24) {
            throw new IllegalArgumentException("between 0 and 2^24 distinct ids: " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> used = new HashSet<>();
        List<String> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            int bytes = random.nextInt(1 << 24);
            if (used.add(bytes)) {
                ids.add(String.format("ESP32_%02x%02X%02X", bytes >>> 16, (bytes >>> 8) & 0xff, bytes & 0xff));
            }
        }
        return ids;
    }
}
