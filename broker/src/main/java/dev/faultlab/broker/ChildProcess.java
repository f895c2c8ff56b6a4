package dev.faultlab.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process (Mosquitto for tests and the native lab, the lab's Prometheus): started with its output
 * in a log file, waited for until it accepts TCP connections on its loopback port, and stopped with
 * SIGTERM, then SIGKILL after {@value #STOP_GRACE_SECONDS} s.
 */
public final class ChildProcess implements AutoCloseable {
    private static final long STOP_GRACE_SECONDS = 5;
    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ChildProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until it accepts connections on 127.0.0.1:{@code port}.
     *
     * @return the running process, or null when it exited because the port was taken (the caller may
     *         try another free port)
     * @throws IllegalStateException when it exits for another reason or is not up within {@code timeout}
     */
    public static ChildProcess start(String name, List<String> command, int port, Path log, Duration timeout)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && !accepts(port)) {
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not accept connections on port " + port + " within "
                        + timeout.toSeconds() + " s; its log: " + log);
            }
            try {
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while starting", e);
            }
        }
        if (process.isAlive()) {
            return new ChildProcess(name, process, port, log);
        }
        String output = read(log);
        if (output.toLowerCase(Locale.ROOT).contains("address already in use")) {
            return null;
        }
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", 127.0.0.1:" + port + ")";
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
