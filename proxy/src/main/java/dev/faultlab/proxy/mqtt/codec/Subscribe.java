package dev.faultlab.proxy.mqtt.codec;

import java.util.ArrayList;
import java.util.List;

/** A SUBSCRIBE or UNSUBSCRIBE (3.1.1 §3.8/3.10, 5.0 §3.8/3.10): packet id and topic filters. */
public record Subscribe(int packetId, List<String> filters) implements MqttPacket {

    /** @param withOptions SUBSCRIBE carries an options byte after each filter; UNSUBSCRIBE does not */
    public static Subscribe parse(PacketReader in, int protocolLevel, boolean withOptions) throws MalformedPacketException {
        int packetId = in.readShort();
        if (protocolLevel == 5) {
            Properties.read(in);
        }
        List<String> filters = new ArrayList<>();
        while (in.hasRemaining()) {
            filters.add(in.readString());
            if (withOptions) {
                in.readByte();
            }
        }
        return new Subscribe(packetId, List.copyOf(filters));
    }
}
