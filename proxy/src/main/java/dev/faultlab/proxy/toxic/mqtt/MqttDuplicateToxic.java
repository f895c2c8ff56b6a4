package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.mqtt.FrameLayout;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.codec.Publish;
import dev.faultlab.proxy.toxic.Attributes;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * {@code mqtt_duplicate}: re-sends QoS 1 and QoS 2 PUBLISH packets: right after the original, an
 * exact copy with the DUP flag set follows, as a client re-sending an unacknowledged message does
 * (the receiver gets the message twice and acknowledges both). QoS 0 publishes pass alone, since
 * MQTT forbids DUP on them. Works on either stream.
 *
 * <p>{@code count} duplicates only the next n such publishes of each connection and direction
 * (default 0: all). The copy shares the original's bytes (no copy is made but of the first byte);
 * publishes longer than {@value #MAX_LENGTH} bytes pass without a copy, to bound what is kept.
 */
public record MqttDuplicateToxic(long count) implements Toxic {
    /** The longest PUBLISH duplicated, in bytes. */
    static final int MAX_LENGTH = 16 * 1024 * 1024;
    private static final int DUP = 0x08;

    @Override
    public void validate() {
        Attributes.requireNonNegative("count", count);
    }

    /** Works packet by packet, so every packet must be listed in the layouts. */
    @Override
    public boolean inspectsPackets() {
        return true;
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        return new PacketStage(context) {
            private long duplicated;
            private CompositeByteBuf copy;

            @Override
            protected Fate fate(MqttFrame packet) {
                if (packet.type() != PacketType.PUBLISH || packet.qos() == 0 || packet.length() > MAX_LENGTH
                        || (count > 0 && duplicated >= count)) {
                    return Fate.PASS;
                }
                duplicated++;
                return Fate.TAKE;
            }

            @Override
            protected void take(Chunk piece, MqttFrame packet, boolean first, boolean last) {
                ByteBuf bytes = piece.data();
                if (first) {
                    releaseCopy();
                    copy = Unpooled.compositeBuffer();
                    int start = bytes.readerIndex();
                    copy.addComponent(true, Unpooled.buffer(1).writeByte(bytes.getUnsignedByte(start) | DUP));
                    copy.addComponent(true, bytes.retainedSlice(start + 1, bytes.readableBytes() - 1));
                } else if (copy != null) {
                    copy.addComponent(true, bytes.retainedSlice());
                }
                context.forward(piece);
                if (last && copy != null) {
                    ByteBuf done = copy;
                    copy = null;
                    context.inject(Chunk.of(done, layoutOf(packet), context.nanoTime()));
                }
            }

            @Override
            public void drain() {
                releaseCopy();
                super.drain();
            }

            @Override
            public void discard() {
                releaseCopy();
                super.discard();
            }

            private void releaseCopy() {
                if (copy != null) {
                    copy.release();
                    copy = null;
                }
            }
        };
    }

    /** The copy's layout: one PUBLISH, as the original's but with DUP set. */
    private static FrameLayout layoutOf(MqttFrame original) {
        Publish head = original.packet() instanceof Publish p
                ? new Publish(p.topic(), p.qos(), true, p.retain(), p.packetId(), p.payloadSize()) : null;
        return new FrameLayout(0, List.of(new MqttFrame(PacketType.PUBLISH, original.flags() | DUP, 0,
                original.headerLength(), original.remainingLength(), head)), -1);
    }
}
