package dev.faultlab.emulator;

/** The warning esp-mqtt logs for a refused CONNACK, by return code. */
final class RefusalText {
    private RefusalText() {
    }

    static String of(int code) {
        return switch (code) {
            case 1 -> "Connection refused, bad protocol";
            case 3 -> "Connection refused, server unavailable";
            case 4 -> "Connection refused, bad username or password";
            case 5 -> "Connection refused, not authorized";
            default -> "Connection refused, Unknown reason";
        };
    }
}
