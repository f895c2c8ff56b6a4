package dev.faultlab.cli;

import io.netty.handler.codec.mqtt.MqttVersion;
import picocli.CommandLine;

/** Reads an MQTT protocol version as esp-mqtt names them: {@code 3.1}, {@code 3.1.1} or {@code 5}. */
final class ProtocolConverter implements CommandLine.ITypeConverter<MqttVersion> {
    @Override
    public MqttVersion convert(String value) {
        return switch (value) {
            case "3.1" -> MqttVersion.MQTT_3_1;
            case "3.1.1" -> MqttVersion.MQTT_3_1_1;
            case "5" -> MqttVersion.MQTT_5;
            default -> throw new CommandLine.TypeConversionException(value + " (expected 3.1, 3.1.1 or 5)");
        };
    }
}
