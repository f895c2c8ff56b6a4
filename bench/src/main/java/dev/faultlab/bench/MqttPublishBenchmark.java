package dev.faultlab.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of MQTT awareness: an MQTT 3.1.1 client sends a CONNECT, then a stream of QoS 0
 * PUBLISH packets ({@code payload} bytes each) to a server that discards them, through a proxy that finds
 * every packet and tracks the session ({@code proxy}) vs one that forwards raw bytes
 * ({@code proxy-raw}), and the MQTT-aware one with its Prometheus metrics counting
 * ({@code proxy-metrics}: per-client packet and byte counters on the data path). Each operation sends 1 MiB of packets; ops/s equals MiB/s (target: MQTT
 * awareness costs at most 10 %).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MqttPublishBenchmark {
    private static final int BLOCK = 1024 * 1024;

    @Param({"proxy-raw", "proxy", "proxy-metrics"})
    public String path;

    /** Payload bytes per PUBLISH: small telemetry, and the ESP-IDF client's default buffer size. */
    @Param({"64", "1024"})
    public int payload;

    private LoopbackServer server;
    private Path route;
    private Socket socket;
    private OutputStream out;
    private byte[] publishes;

    @Setup(Level.Trial)
    public void open() throws IOException {
        server = new LoopbackServer(LoopbackServer.Mode.DISCARD);
        route = Path.open(path, server.port());
        socket = route.connect();
        out = socket.getOutputStream();
        out.write(connect());
        publishes = publishes(payload);
    }

    @Benchmark
    public void oneMebibyteOfPublishes() throws IOException {
        out.write(publishes);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        socket.close();
        route.close();
        server.close();
    }

    /** A CONNECT: MQTT 3.1.1, clean session, keepalive 60 s, client id "bench". */
    private static byte[] connect() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60, 0, 5});
        body.writeBytes("bench".getBytes(StandardCharsets.US_ASCII));
        return packet(0x10, body.toByteArray());
    }

    /** Back-to-back QoS 0 PUBLISH packets on topic {@code bench/t}, filling about 1 MiB. */
    private static byte[] publishes(int payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 7});
        body.writeBytes("bench/t".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[payload]);
        byte[] one = packet(0x30, body.toByteArray());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() + one.length <= BLOCK) {
            all.writeBytes(one);
        }
        return all.toByteArray();
    }

    private static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }
}
