package dev.faultlab.proxy.toxic.mqtt;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.faultlab.proxy.mqtt.MqttFrame;
import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.codec.Connect;
import dev.faultlab.proxy.toxic.Attributes;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Direction;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;
import java.util.Map;
import java.util.Set;

/**
 * {@code mqtt_connack}: refuses CONNECTs. The proxy answers the client's CONNECT itself with a
 * CONNACK carrying {@code code}, then closes the connection (FIN, after the CONNACK); the broker
 * never sees the CONNECT or anything after it. Upstream stream only (it acts on the client's
 * CONNECT); adding it downstream is a 400.
 *
 * <p>{@code code} (default 5, not authorized) is an MQTT 3.1.1 return code 1–5 or an MQTT 5 CONNACK
 * reason code (0x80 and up); a client of the other version gets the matching code:
 *
 * <pre>
 *   3.1.1 return code                  MQTT 5 reason code
 *   1 unacceptable protocol version ↔ 0x84 unsupported protocol version
 *   2 identifier rejected           ↔ 0x85 client identifier not valid
 *   3 server unavailable            ↔ 0x88 server unavailable
 *   4 bad user name or password     ↔ 0x86 bad user name or password
 *   5 not authorized                ↔ 0x87 not authorized
 *   other MQTT 5 codes to 3.1.1: 0x8A banned → 5, 0x8C bad authentication method → 4, any other → 3
 * </pre>
 *
 * <p>{@code count} refuses only the next n CONNECTs (default 0: all), counted over every connection
 * of the proxy: the budget is shared state created with the toxic, kept by attribute updates that
 * leave {@code count} unchanged and started afresh by one that changes it. A connection whose CONNECT
 * passed before the toxic was added is not touched.
 */
public record MqttConnackToxic(Integer code, long count, @JsonIgnore RefusalBudget refusals) implements Toxic {
    /** MQTT 5 CONNACK reason codes that refuse a connection (MQTT 5 §3.2.2.2). */
    static final Set<Integer> V5_REFUSALS = Set.of(0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
            0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);
    private static final int[] V311_TO_V5 = {0, 0x84, 0x85, 0x88, 0x86, 0x87};
    private static final Map<Integer, Integer> V5_TO_V311 = Map.of(0x84, 1, 0x85, 2, 0x88, 3, 0x86, 4, 0x87, 5,
            0x8A, 5, 0x8C, 4);
    private static final int V311_DEFAULT = 3;

    public MqttConnackToxic {
        code = code == null ? 5 : code;
        refusals = refusals == null ? new RefusalBudget(count) : refusals;
    }

    public MqttConnackToxic(int code, long count) {
        this(code, count, null);
    }

    @Override
    public void validate() {
        if (!(code >= 1 && code <= 5) && !V5_REFUSALS.contains(code)) {
            throw new IllegalArgumentException("code must be an MQTT 3.1.1 return code 1-5 or an MQTT 5 CONNACK"
                    + " reason code of 0x80 (128) or more, got " + code);
        }
        Attributes.requireNonNegative("count", count);
    }

    @Override
    public void checkStream(Direction stream) {
        if (stream != Direction.UPSTREAM) {
            throw new IllegalArgumentException("mqtt_connack answers the client's CONNECT: add it to the upstream"
                    + " stream");
        }
    }

    @Override
    public Toxic carriedFrom(Toxic previous) {
        if (previous instanceof MqttConnackToxic before && before.count == count) {
            return new MqttConnackToxic(code, count, before.refusals);
        }
        return this;
    }

    /** The code to send to a client of {@code protocolLevel} (3 and 4: 3.1/3.1.1, 5: MQTT 5). */
    static int codeFor(int code, int protocolLevel) {
        if (protocolLevel >= 5) {
            return code <= 5 ? V311_TO_V5[code] : code;
        }
        return code <= 5 ? code : V5_TO_V311.getOrDefault(code, V311_DEFAULT);
    }

    /** Works packet by packet, so every packet must be listed in the layouts. */
    @Override
    public boolean inspectsPackets() {
        return true;
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        return new PacketStage(context) {
            private boolean seen;
            private boolean refused;
            private int level;

            @Override
            protected Fate fate(MqttFrame packet) {
                if (refused) {
                    return Fate.DROP;
                }
                if (seen || packet.type() != PacketType.CONNECT) {
                    return Fate.PASS;
                }
                seen = true;
                if (!refusals.take()) {
                    return Fate.PASS;
                }
                refused = true;
                level = packet.packet() instanceof Connect connect ? connect.protocolLevel() : sessionLevel();
                return Fate.TAKE;
            }

            @Override
            protected void take(Chunk piece, MqttFrame packet, boolean first, boolean last) {
                context.drop(piece);
                if (last) {
                    context.reply(ServerPackets.connack(level, codeFor(code, level)));
                    context.close();
                }
            }

            @Override
            protected void end(Chunk end) {
                if (refused) {
                    context.drop(end);
                } else {
                    super.end(end);
                }
            }

            private int sessionLevel() {
                Connect connect = context.session().connect();
                return connect == null ? 4 : connect.protocolLevel();
            }
        };
    }
}
