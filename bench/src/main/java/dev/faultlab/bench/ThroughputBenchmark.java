package dev.faultlab.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
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
 * One-way bulk throughput: each operation writes 1 MiB to a server that discards it, direct on
 * loopback vs through the proxy with no toxics. ops/s equals MiB/s (target: the proxy at least
 * 70 % of direct).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ThroughputBenchmark {
    private static final int WRITE = 64 * 1024;
    private static final int WRITES_PER_OP = 16;

    @Param({"direct", "proxy"})
    public String path;

    private LoopbackServer server;
    private Path route;
    private Socket socket;
    private OutputStream out;
    private final byte[] block = new byte[WRITE];

    @Setup(Level.Trial)
    public void open() throws IOException {
        server = new LoopbackServer(LoopbackServer.Mode.DISCARD);
        route = Path.open(path, server.port());
        socket = route.connect();
        out = socket.getOutputStream();
    }

    @Benchmark
    public void oneMebibyte() throws IOException {
        for (int i = 0; i < WRITES_PER_OP; i++) {
            out.write(block);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        socket.close();
        route.close();
        server.close();
    }
}
