package dev.faultlab.e2e;

import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.testing.Tshark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MQTT packet types (the fixed header's type, 1 CONNECT … 14 DISCONNECT) per direction, in order:
 * from the session tracker's events, or from what tshark decoded in one TCP conversation of a
 * capture, so the two compare as lists.
 */
record TrackedPackets(List<Integer> upstream, List<Integer> downstream) {
    private static final Map<String, Integer> TYPES = Map.of("connect", 1, "connack", 2, "pingreq", 12,
            "pingresp", 13, "disconnect", 14);
    private static final Map<String, Integer> ACKS = Map.of("PUBACK", 4, "PUBREC", 5, "PUBREL", 6, "PUBCOMP", 7);

    /** What the tracker saw of connection {@code connection} in {@code events}. */
    static TrackedPackets fromEvents(List<? extends ProxyEvent> events, long connection) {
        List<Integer> up = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (ProxyEvent event : events) {
            if (event instanceof PacketEvent packet && packet.connection() == connection) {
                boolean upstream = upstream(packet);
                (upstream ? up : down).add(type(packet));
            }
        }
        return new TrackedPackets(up, down);
    }

    private static int type(PacketEvent packet) {
        if (packet instanceof PacketEvent.Publish) {
            return 3;
        }
        if (packet instanceof PacketEvent.Ack a) {
            return ACKS.get(a.packet());
        }
        if (packet instanceof PacketEvent.Subscribe s) {
            return s.packet().equals("SUBSCRIBE") ? 8 : 10;
        }
        if (packet instanceof PacketEvent.Suback s) {
            return s.packet().equals("SUBACK") ? 9 : 11;
        }
        return TYPES.get(packet.type());
    }

    /** Whether the packet went from the client towards the broker. */
    private static boolean upstream(PacketEvent packet) {
        if (packet instanceof PacketEvent.Publish p) {
            return p.direction().equals("upstream");
        }
        if (packet instanceof PacketEvent.Disconnect d) {
            return d.direction().equals("upstream");
        }
        if (packet instanceof PacketEvent.Ack a) {
            boolean publishUp = a.direction().equals("upstream");
            return a.packet().equals("PUBREL") == publishUp;
        }
        return packet instanceof PacketEvent.Connect || packet instanceof PacketEvent.Subscribe
                || packet instanceof PacketEvent.PingRequest;
    }

    /**
     * The packets tshark decoded in the conversation with the server side on {@code serverPort}:
     * upstream is towards that port.
     */
    static TrackedPackets fromCapture(List<Tshark.MqttPacket> packets, int serverPort) {
        List<Integer> up = new ArrayList<>();
        List<Integer> down = new ArrayList<>();
        for (Tshark.MqttPacket packet : packets) {
            if (packet.destinationPort() == serverPort) {
                up.add(packet.type());
            } else if (packet.sourcePort() == serverPort) {
                down.add(packet.type());
            }
        }
        return new TrackedPackets(up, down);
    }
}
