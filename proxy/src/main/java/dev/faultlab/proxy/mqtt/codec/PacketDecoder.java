package dev.faultlab.proxy.mqtt.codec;

import dev.faultlab.proxy.mqtt.MqttFrame;
import io.netty.buffer.ByteBuf;

/**
 * Decodes the head of one packet found by the splitter, by its type and the session's protocol
 * level. Packets without fields of interest (PINGREQ, PINGRESP, AUTH) decode to null.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    /**
     * @param buffer the chunk's buffer; the packet starts at {@code frame.offset()} from its reader
     *     index, and at least its head (up to the splitter's limit) is readable
     */
    public static MqttPacket decode(ByteBuf buffer, MqttFrame frame, int protocolLevel) throws MalformedPacketException {
        int start = buffer.readerIndex() + frame.offset() + frame.headerLength();
        int available = Math.min(frame.remainingLength(), buffer.writerIndex() - start);
        PacketReader in = new PacketReader(buffer, start, available);
        return switch (frame.type()) {
            case CONNECT -> Connect.parse(in);
            case CONNACK -> Connack.parse(in, protocolLevel);
            case PUBLISH -> Publish.parse(in, frame, protocolLevel);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> Ack.parsePublishAck(in, protocolLevel);
            case SUBSCRIBE -> Subscribe.parse(in, protocolLevel, true);
            case UNSUBSCRIBE -> Subscribe.parse(in, protocolLevel, false);
            case SUBACK, UNSUBACK -> Ack.parseSubscribeAck(in, protocolLevel);
            case DISCONNECT -> Disconnect.parse(in, protocolLevel);
            case PINGREQ, PINGRESP, AUTH -> null;
        };
    }
}
