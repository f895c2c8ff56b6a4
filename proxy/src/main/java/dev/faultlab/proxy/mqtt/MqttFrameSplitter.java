package dev.faultlab.proxy.mqtt;

import dev.faultlab.proxy.mqtt.codec.MalformedPacketException;
import dev.faultlab.proxy.mqtt.codec.PacketDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
    }

    private enum Mode { DETECT, MQTT, RAW }

    /** Largest remaining length the spec allows (four length bytes). */
    static final int MAX_REMAINING = 268_435_455;
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
        ByteBuf buffer = pending == null ? data : merge(data);
        pending = null;
        if (mode == Mode.DETECT && !detect(buffer, out)) {
            return;
        }
        if (mode == Mode.RAW) {
            out.accept(buffer, null);
            return;
        }
        split(buffer, out);
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
        List<MqttFrame> frames = new ArrayList<>(4);
        int rawFrom = -1;
        while (index < end) {
            Header header = Header.read(buffer, index, end);
            if (header == null) {
                break;
            }
            if (header.malformed() != null) {
                rawFrom = index - start;
                switchToRaw(header.malformed(), true);
                break;
            }
            long total = (long) header.length + header.remaining;
            if (index + total <= end) {
                frames.add(decoded(buffer, new MqttFrame(header.type, header.flags, index - start, header.length,
                        header.remaining)));
                index += (int) total;
                continue;
            }
            int headBytes = Math.min(header.remaining, headLimit);
            if (end - index - header.length < headBytes) {
                break;
            }
            frames.add(decoded(buffer, new MqttFrame(header.type, header.flags, index - start, header.length,
                    header.remaining)));
            continuing = total - (end - index);
            index = end;
        }
        if (rawFrom < 0 && index < end) {
            pending = allocator.buffer(end - index);
            pending.writeBytes(buffer, index, end - index);
            buffer.writerIndex(index);
        }
        if (buffer.isReadable()) {
            out.accept(buffer, new FrameLayout(continuation, frames, rawFrom));
        } else {
            buffer.release();
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

    /** A fixed header read at some index: complete, incomplete (null) or malformed. */
    private record Header(PacketType type, int flags, int length, int remaining, String malformed) {

        static Header read(ByteBuf buffer, int index, int end) {
            if (end - index < 2) {
                return null;
            }
            int first = buffer.getUnsignedByte(index);
            PacketType type = PacketType.of(first >> 4);
            int flags = first & 0x0F;
            if (type == null) {
                return bad("reserved packet type 0");
            }
            if (!type.flagsValid(flags)) {
                return bad("invalid flags " + flags + " for " + type);
            }
            int remaining = 0;
            int multiplier = 1;
            for (int i = 1; i <= 4; i++) {
                if (index + i >= end) {
                    return null;
                }
                int digit = buffer.getUnsignedByte(index + i);
                remaining += (digit & 0x7F) * multiplier;
                if ((digit & 0x80) == 0) {
                    return new Header(type, flags, 1 + i, remaining, null);
                }
                multiplier *= 128;
            }
            return bad("remaining length longer than four bytes");
        }

        private static Header bad(String reason) {
            return new Header(null, 0, 0, 0, reason);
        }
    }
}
