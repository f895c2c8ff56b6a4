package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.codec.Disconnect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/** The few packets the proxy writes as if it were the broker: a refusing CONNACK and a DISCONNECT. */
final class ServerPackets {
    private ServerPackets() {
    }

    /**
     * A CONNACK with {@code code} (return code before MQTT 5, reason code in MQTT 5), session present
     * 0 and, in MQTT 5, no properties.
     */
    static ByteBuf connack(int protocolLevel, int code) {
        boolean v5 = protocolLevel >= 5;
        ByteBuf out = Unpooled.buffer(v5 ? 5 : 4);
        out.writeByte(PacketType.CONNACK.code() << 4);
        out.writeByte(v5 ? 3 : 2);
        out.writeByte(0);
        out.writeByte(code);
        if (v5) {
            out.writeByte(0);
        }
        return out;
    }

    /** An MQTT 5 DISCONNECT with {@code reason} and no properties. */
    static ByteBuf disconnect(int reason) {
        ByteBuf out = Unpooled.buffer(4);
        out.writeByte(PacketType.DISCONNECT.code() << 4);
        out.writeByte(2);
        out.writeByte(reason);
        out.writeByte(0);
        return out;
    }

    /** The layout of a {@link #disconnect} buffer. */
    static FrameLayout disconnectLayout(int reason) {
        return new FrameLayout(0, List.of(new MqttFrame(PacketType.DISCONNECT, 0, 0, 2, 2,
                new Disconnect(reason, null))), -1);
    }
}
