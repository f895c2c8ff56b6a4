package dev.faultlab.proxy.mqtt;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT packet boundaries inside one chunk of a stream: {@code continuation} leading bytes that
 * finish a packet begun in an earlier chunk, then the packets that start in this chunk, in order
 * (the last may continue into later chunks). {@code rawFrom} is where the stream stopped being
 * parsable MQTT in this chunk (malformed input), or -1.
 */
public record FrameLayout(int continuation, List<MqttFrame> frames, int rawFrom) {
    public static final FrameLayout NONE = new FrameLayout(0, List.of(), -1);

    public FrameLayout {
        frames = List.copyOf(frames);
    }

    /**
     * Splits this layout at byte {@code at} of a chunk of {@code size} bytes: the layout of the first
     * {@code at} bytes and of the rest.
     */
    public FrameLayout[] split(int at, int size) {
        List<MqttFrame> head = new ArrayList<>();
        List<MqttFrame> tail = new ArrayList<>();
        int tailContinuation = Math.max(0, continuation - at);
        for (MqttFrame frame : frames) {
            if (frame.offset() < at) {
                head.add(frame);
                if (frame.end() > at) {
                    tailContinuation = Math.min(frame.end(), size) - at;
                }
            } else {
                tail.add(frame.shifted(-at));
            }
        }
        int headRaw = rawFrom >= 0 && rawFrom < at ? rawFrom : -1;
        int tailRaw = rawFrom < 0 ? -1 : Math.max(0, rawFrom - at);
        return new FrameLayout[] {
            new FrameLayout(Math.min(continuation, at), head, headRaw),
            new FrameLayout(tailContinuation, tail, tailRaw)
        };
    }
}
