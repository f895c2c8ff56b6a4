package dev.faultlab.emulator;

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
}
