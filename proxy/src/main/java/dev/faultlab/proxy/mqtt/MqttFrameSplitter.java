package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.mqtt.codec.MalformedPacketException;
import dev.faultlab.proxy.mqtt.codec.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds MQTT packet boundaries in one direction of a stream, from the fixed headers alone, and
 * never re-encodes: each read buffer is handed on as it is, with a {@link FrameLayout} describing
 * where its packets start.
 *
 * <p>Memory stays bounded whatever the packet size: a packet is held back only until its first
 * {@code headLimit} bytes after the fixed header are in (so whoever inspects it sees the variable
 * header, and small packets whole); the rest of a larger packet streams through as continuation
 * bytes. Input that is not MQTT (detected from the first bytes of the client's direction: a
 * CONNECT with protocol name {@code MQTT} or {@code MQIsdp}) is passed on raw; malformed input
 * later switches the direction to raw passthrough for good and is reported once.
 */
public final class MqttFrameSplitter {
    /** What the splitter hands on: a buffer (owned by the receiver) and its layout, or raw bytes. */
    public interface Output {
        void accept(ByteBuf data, FrameLayout layout);
    }

    /** Told once when a direction turns out not to be MQTT, or stops being parsable. */
    public interface Listener {
        /** The client's first bytes are an MQTT CONNECT of this protocol level (3, 4 or 5). */
        default void detected(int protocolLevel) {
        }

        /** The direction is forwarded raw from now on. */
        default void raw(String reason, boolean malformed) {
        }

        /** A packet's head did not decode; the packet is forwarded all the same. */
        default void undecodable(PacketType type, String reason) {
        }

        /**
         * Whether QoS 0 PUBLISH packets are listed in layouts (with their decoded head). They carry no
         * flow state, so only publish events and packet-inspecting toxics need them; leaving them out
         * keeps a QoS 0 stream almost as cheap as raw forwarding. The splitter steps over them all
         * the same, so packet boundaries stay right.
         */
        default boolean listQos0Publish() {
            return true;
        }

        /**
         * The packets that started in one buffer, after it went on: those listed in its layout and
         * {@code unlistedQos0Publishes} QoS 0 PUBLISH packets stepped over. Once per buffer, so a
         * counter costs nothing per packet.
         */
        default void counted(List<MqttFrame> listed, int unlistedQos0Publishes) {
        }
    }

    private enum Mode { DETECT, MQTT, RAW }

    /** The default head limit: bytes after the fixed header held back so a packet's head is seen whole. */
    public static final int DEFAULT_HEAD_LIMIT = 16 * 1024;

    private final ByteBufAllocator allocator;
    private final int headLimit;
    private final Listener listener;
    private Mode mode;
    private int protocolLevel;
    private ByteBuf pending;
    private long continuing;

    private MqttFrameSplitter(ByteBufAllocator allocator, int headLimit, Listener listener, Mode mode, int level) {
        this.allocator = allocator;
        this.headLimit = headLimit;
        this.listener = listener;
        this.mode = mode;
        this.protocolLevel = level;
    }

    /** For the client-to-server direction: detects MQTT from its first bytes. */
    public static MqttFrameSplitter detecting(ByteBufAllocator allocator, int headLimit, Listener listener) {
        return new MqttFrameSplitter(allocator, headLimit, listener, Mode.DETECT, 0);
    }

    /**
     * For a direction already known to be MQTT of {@code protocolLevel} (the server's, once the
     * client's CONNECT was seen).
     */
    public static MqttFrameSplitter mqtt(ByteBufAllocator allocator, int headLimit, int protocolLevel,
                                         Listener listener) {
        return new MqttFrameSplitter(allocator, headLimit, listener, Mode.MQTT, protocolLevel);
    }

    /** For a direction that is forwarded raw. */
    public static MqttFrameSplitter raw() {
        return new MqttFrameSplitter(null, 0, new Listener() { }, Mode.RAW, 0);
    }

    public boolean isRaw() {
        return mode == Mode.RAW;
    }

    /** Takes ownership of {@code data}; hands on zero or one buffer. */
    public void feed(ByteBuf data, Output out) {
        if (mode == Mode.RAW) {
            out.accept(data, null);
            return;
        }
        if (mode == Mode.DETECT) {
            ByteBuf buffer = pending == null ? data : merge(data);
            pending = null;
            if (!detect(buffer, out)) {
                return;
            }
            if (mode == Mode.RAW) {
                out.accept(buffer, null);
            } else {
                split(buffer, out);
            }
            return;
        }
        if (pending != null) {
            completePending(data, out);
            if (!data.isReadable()) {
                data.release();
                return;
            }
            if (mode == Mode.RAW) {
                out.accept(data, null);
                return;
            }
        }
        split(data, out);
    }

    /**
     * Moves from {@code data} into the held-back packet start only the bytes it still needs (its
     * fixed header, then its head), and hands it on once complete: the rest of {@code data} is not
     * copied.
     */
    private void completePending(ByteBuf data, Output out) {
        while (pending != null && data.isReadable() && mode == Mode.MQTT) {
            int want = wanted(pending);
            int take = Math.min(want - pending.readableBytes(), data.readableBytes());
            pending.ensureWritable(take);
            pending.writeBytes(data, take);
            if (pending.readableBytes() >= want) {
                ByteBuf ready = pending;
                pending = null;
                split(ready, out);
            }
        }
    }

    /**
     * How many bytes a held-back packet start must hold before it is handed on: its whole fixed
     * header, then its first {@code headLimit} bytes after it (or the whole packet if smaller).
     */
    private int wanted(ByteBuf start) {
        int index = start.readerIndex();
        int have = start.readableBytes();
        if (have < 2) {
            return 2;
        }
        int remaining = 0;
        for (int i = 1; i <= 4; i++) {
            if (i >= have) {
                return have + 1;
            }
            int digit = start.getUnsignedByte(index + i);
            remaining |= (digit & 0x7F) << (7 * (i - 1));
            if ((digit & 0x80) == 0) {
                return 1 + i + Math.min(remaining, headLimit);
            }
        }
        return have;
    }

    /** The end of the stream: whatever is held back goes on as it is. */
    public void finish(Output out) {
        if (pending != null) {
            ByteBuf rest = pending;
            pending = null;
            out.accept(rest, mode == Mode.MQTT ? new FrameLayout(0, List.of(), 0) : null);
        }
    }

    /** Releases what is held back (the connection is gone). */
    public void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void split(ByteBuf buffer, Output out) {
        int start = buffer.readerIndex();
        int end = buffer.writerIndex();
        int index = start;
        int continuation = (int) Math.min(continuing, end - start);
        continuing -= continuation;
        index += continuation;
        List<MqttFrame> frames = null;
        int unlisted = 0;
        boolean listQos0 = listener.listQos0Publish();
        int rawFrom = -1;
        // Headers are read through a plain view: no reference-count check per packet.
        ByteBuffer view = buffer.nioBuffer(start, end - start);
        while (end - index >= 2) {
            int firstTwo = view.getShort(index - start) & 0xFFFF;
            if (!listQos0 && (firstTwo & 0xF680) == 0x3000 && index + 2 + (firstTwo & 0x7F) <= end) {
                // The hot path of a QoS 0 stream: a whole, unlisted QoS 0 PUBLISH with a one-byte length.
                index += 2 + (firstTwo & 0x7F);
                unlisted++;
                continue;
            }
            int first = firstTwo >>> 8;
            PacketType type = PacketType.ofFirstByte(first);
            int flags = first & 0x0F;
            String malformed = type != null ? null : PacketType.of(first >> 4) == null ? "reserved packet type 0"
                    : "invalid flags " + flags + " for " + PacketType.of(first >> 4);
            int remaining = firstTwo & 0x7F;
            int headerLength = (firstTwo & 0x80) == 0 ? 2 : 0;
            remaining = headerLength == 0 ? 0 : remaining;
            for (int i = 1; malformed == null && headerLength == 0; i++) {
                if (i > 4) {
                    malformed = "remaining length longer than four bytes";
                } else if (index + i >= end) {
                    break;
                } else {
                    int digit = view.get(index + i - start) & 0xFF;
                    remaining |= (digit & 0x7F) << (7 * (i - 1));
                    if ((digit & 0x80) == 0) {
                        headerLength = 1 + i;
                    }
                }
            }
            if (malformed != null) {
                rawFrom = index - start;
                switchToRaw(malformed, true);
                break;
            }
            if (headerLength == 0) {
                break;
            }
            long total = (long) headerLength + remaining;
            boolean complete = index + total <= end;
            if (!complete && end - index - headerLength < Math.min(remaining, headLimit)) {
                break;
            }
            if (type != PacketType.PUBLISH || (flags & 0x06) != 0 || listQos0) {
                if (frames == null) {
                    frames = new ArrayList<>(8);
                }
                frames.add(decoded(buffer, new MqttFrame(type, flags, index - start, headerLength, remaining)));
            } else {
                unlisted++;
            }
            if (complete) {
                index += (int) total;
            } else {
                continuing = total - (end - index);
                index = end;
            }
        }
        if (rawFrom < 0 && index < end) {
            pending = allocator.buffer(end - index);
            pending.writeBytes(buffer, index, end - index);
            buffer.writerIndex(index);
        }
        if (buffer.isReadable()) {
            out.accept(buffer, continuation == 0 && frames == null && rawFrom < 0 ? FrameLayout.NONE
                    : new FrameLayout(continuation, frames == null ? List.of() : frames, rawFrom));
        } else {
            buffer.release();
        }
        if (frames != null || unlisted > 0) {
            listener.counted(frames == null ? List.of() : frames, unlisted);
        }
    }

    /**
     * Decides from the first bytes whether the client speaks MQTT. Returns false while undecided
     * (the bytes are held back).
     */
    private boolean detect(ByteBuf buffer, Output out) {
        ConnectProbe.Verdict verdict = ConnectProbe.probe(buffer);
        switch (verdict.kind()) {
            case UNDECIDED -> {
                pending = buffer;
                return false;
            }
            case MQTT -> {
                mode = Mode.MQTT;
                protocolLevel = verdict.protocolLevel();
                listener.detected(protocolLevel);
                return true;
            }
            default -> {
                switchToRaw(verdict.reason(), false);
                return true;
            }
        }
    }

    private MqttFrame decoded(ByteBuf buffer, MqttFrame frame) {
        try {
            return frame.withPacket(PacketDecoder.decode(buffer, frame, protocolLevel));
        } catch (MalformedPacketException e) {
            listener.undecodable(frame.type(), e.getMessage());
            return frame;
        }
    }

    private void switchToRaw(String reason, boolean malformed) {
        mode = Mode.RAW;
        continuing = 0;
        listener.raw(reason, malformed);
    }

    private ByteBuf merge(ByteBuf data) {
        ByteBuf merged = allocator.buffer(pending.readableBytes() + data.readableBytes());
        merged.writeBytes(pending).writeBytes(data);
        pending.release();
        data.release();
        return merged;
    }
}
