package dev.faultlab.emulator;

/**
 * The warning esp-mqtt logs for a refused CONNACK: by MQTT 3.1/3.1.1 return code, or by MQTT 5
 * reason code (the names {@code esp_mqtt5_print_error_code} logs).
 */
final class RefusalText {
    private RefusalText() {
    }

    static String of(int code, boolean mqtt5) {
        return mqtt5 ? mqtt5(code) : mqtt3(code);
    }

    private static String mqtt3(int code) {
        return switch (code) {
            case 1 -> "Connection refused, bad protocol";
            case 3 -> "Connection refused, server unavailable";
            case 4 -> "Connection refused, bad username or password";
            case 5 -> "Connection refused, not authorized";
            default -> "Connection refused, Unknown reason";
        };
    }

    private static String mqtt5(int code) {
        return switch (code) {
            case 0x80 -> "Unspecified error";
            case 0x81 -> "Malformed Packet";
            case 0x82 -> "Protocol Error";
            case 0x83 -> "Implementation specific error";
            case 0x84 -> "Unsupported Protocol Version";
            case 0x85 -> "Client Identifier not valid";
            case 0x86 -> "Bad User Name or Password";
            case 0x87 -> "Not authorized";
            case 0x88 -> "Server unavailable";
            case 0x89 -> "Server busy";
            case 0x8A -> "Banned";
            case 0x8C -> "Bad authentication method";
            case 0x95 -> "Packet too large";
            case 0x97 -> "Quota exceeded";
            case 0x99 -> "Payload format invalid";
            case 0x9A -> "Retain not supported";
            case 0x9B -> "QoS not supported";
            case 0x9C -> "Use another server";
            case 0x9D -> "Server moved";
            case 0x9F -> "Connection rate exceeded";
            default -> "Connection refused, Unknow reason";
        };
    }
}
