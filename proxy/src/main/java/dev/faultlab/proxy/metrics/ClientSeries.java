package dev.faultlab.proxy.metrics;

import dev.faultlab.proxy.mqtt.PacketType;
import dev.faultlab.proxy.mqtt.SessionMeter;
import dev.faultlab.proxy.toxic.Direction;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.Arrays;
import java.util.Objects;

/**
 * One connection's series of the {@link ClientFamilies}, looked up when first needed and kept, so
 * counting a packet or a read is an array index and an add. A new client id (the CONNECT's, or one
 * a CONNACK assigned) starts new series. Used on the connection's event loop only.
 */
final class ClientSeries implements SessionMeter {
    private static final int TYPES = PacketType.values().length;

    private final ClientFamilies families;
    private final String proxy;
    private String clientId = "";
    private final CounterDataPoint[] packets = new CounterDataPoint[2 * TYPES];
    private final CounterDataPoint[] bytes = new CounterDataPoint[2];
    private final CounterDataPoint[] duplicates = new CounterDataPoint[2];
    private final DistributionDataPoint[] ackLatency = new DistributionDataPoint[3];
    private DistributionDataPoint pingRtt;

    ClientSeries(ClientFamilies families, String proxy) {
        this.families = families;
        this.proxy = proxy;
    }

    @Override
    public void packets(Direction direction, PacketType type, int count) {
        int index = direction.ordinal() * TYPES + type.ordinal();
        CounterDataPoint point = packets[index];
        if (point == null) {
            point = families.packets(proxy, clientId, type, direction);
            packets[index] = point;
        }
        point.inc(count);
    }

    @Override
    public void bytes(Direction direction, int count) {
        CounterDataPoint point = bytes[direction.ordinal()];
        if (point == null) {
            point = families.bytes(proxy, clientId, direction);
            bytes[direction.ordinal()] = point;
        }
        point.inc(count);
    }

    @Override
    public void identified(String id) {
        String next = id == null ? "" : id;
        if (!families.withClientId() || Objects.equals(clientId, next)) {
            return;
        }
        clientId = next;
        Arrays.fill(packets, null);
        Arrays.fill(bytes, null);
        Arrays.fill(duplicates, null);
        Arrays.fill(ackLatency, null);
        pingRtt = null;
    }

    @Override
    public void connect(String version) {
        families.connects(proxy, clientId, version).inc();
    }

    @Override
    public void connack(int code) {
        families.connacks(proxy, clientId, code).inc();
    }

    @Override
    public void pingRtt(double seconds) {
        if (pingRtt == null) {
            pingRtt = families.pingRtt(proxy, clientId);
        }
        pingRtt.observe(seconds);
    }

    @Override
    public void flowCompleted(int qos, double seconds) {
        if (ackLatency[qos] == null) {
            ackLatency[qos] = families.ackLatency(proxy, clientId, qos);
        }
        ackLatency[qos].observe(seconds);
    }

    @Override
    public void duplicate(Direction direction) {
        CounterDataPoint point = duplicates[direction.ordinal()];
        if (point == null) {
            point = families.duplicates(proxy, clientId, direction);
            duplicates[direction.ordinal()] = point;
        }
        point.inc();
    }
}
