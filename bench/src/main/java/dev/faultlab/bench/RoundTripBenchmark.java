package dev.faultlab.bench;

import java.io.IOException;
import java.io.InputStream;
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
 * Round-trip time of a 64-byte request echoed back, direct on loopback vs through the proxy with no
 * toxics. The difference of the medians is the latency the proxy adds (target: under 50 µs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {
    private static final int SIZE = 64;

    @Param({"direct", "proxy"})
    public String path;

    private LoopbackServer server;
    private Path route;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] request = new byte[SIZE];
    private final byte[] response = new byte[SIZE];

    @Setup(Level.Trial)
    public void open() throws IOException {
        server = new LoopbackServer(LoopbackServer.Mode.ECHO);
        route = Path.open(path, server.port());
        socket = route.connect();
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    @Benchmark
    public byte[] roundTrip() throws IOException {
        out.write(request);
        int read = 0;
        while (read < SIZE) {
            int n = in.read(response, read, SIZE - read);
            if (n < 0) {
                throw new IOException("closed");
            }
            read += n;
        }
        return response;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        socket.close();
        route.close();
        server.close();
    }
}
