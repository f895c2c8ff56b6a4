package dev.faultlab.emulator;

import java.nio.charset.StandardCharsets;

/** The MQTT_EVENT_* an esp-mqtt client raises, each with the fields the ESP event carries. */
public sealed interface EspEvent {

    /** Receives a device's events on the device's thread; must not block. */
    @FunctionalInterface
    interface Listener {
        void onEvent(Device device, EspEvent event);
    }

    /** The esp_mqtt_error_type_t values the emulator raises. */
    enum ErrorType {
        TCP_TRANSPORT, CONNECTION_REFUSED
    }

    /** The ESP name, e.g. {@code MQTT_EVENT_CONNECTED}. */
    String espName();

    record BeforeConnect() implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_BEFORE_CONNECT";
        }
    }

    record Connected(boolean sessionPresent) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_CONNECTED";
        }
    }

    record Disconnected() implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_DISCONNECTED";
        }
    }

    record Subscribed(int msgId) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_SUBSCRIBED";
        }
    }

    record Unsubscribed(int msgId) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_UNSUBSCRIBED";
        }
    }

    record Published(int msgId) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_PUBLISHED";
        }
    }

    /**
     * An inbound PUBLISH, or part of one longer than the device's buffer: {@code totalDataLength} is
     * the whole payload's length, {@code currentDataOffset} where this part starts in it; parts after
     * the first have an empty topic.
     */
    record Data(String topic, byte[] payload, int qos, boolean dup, int totalDataLength, int currentDataOffset)
            implements EspEvent {

        /** A whole PUBLISH in one event. */
        public Data(String topic, byte[] payload, int qos, boolean dup) {
            this(topic, payload, qos, dup, payload.length, 0);
        }

        public String espName() {
            return "MQTT_EVENT_DATA";
        }

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** @param code the CONNACK return code for CONNECTION_REFUSED, else 0 */
    record Error(ErrorType type, int code) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_ERROR";
        }
    }

    /** An outbox item expired before it was acknowledged. */
    record Deleted(int msgId) implements EspEvent {
        public String espName() {
            return "MQTT_EVENT_DELETED";
        }
    }
}
