package dev.faultlab.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Mosquitto as a child process, for a lab that wants a second broker implementation behind the
 * proxy: the {@code mosquitto} binary from the PATH (or {@code /usr/sbin}, where Debian puts it),
 * a generated configuration in a temporary folder (one listener on 127.0.0.1 and a free port,
 * anonymous clients or one user from a password file, no persistence, log to a file), started and
 * waited for until it accepts connections. Closing stops it and removes the folder.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path folder;
    private final int port;

    private MosquittoBroker(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** The mosquitto binary: the first on the PATH, else {@code /usr/sbin/mosquitto}. */
    public static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mosquitto");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/sbin/mosquitto");
    }

    /** Starts a broker for anonymous clients on a free loopback port; a port taken in between costs one retry. */
    public static MosquittoBroker start() {
        return start(null, null);
    }

    /**
     * Starts a broker that refuses anonymous clients and knows one user, from a password file that
     * {@code mosquitto_passwd} (beside the broker) writes.
     */
    public static MosquittoBroker withUser(String username, String password) {
        return start(username, password);
    }

    private static MosquittoBroker start(String username, String password) {
        Path binary = binary();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("mosquitto is not on the PATH nor in /usr/sbin: install the package"
                    + " mosquitto");
        }
        try {
            Path folder = Files.createTempDirectory("faultlab-mosquitto");
            try {
                String access = username == null ? "allow_anonymous true"
                        : passwordFile(binary, folder, username, password);
                MosquittoBroker started = attempt(binary, folder, access);
                if (started == null) {
                    started = attempt(binary, folder, access);
                }
                if (started == null) {
                    throw new IllegalStateException("mosquitto could not bind a free port twice:\n"
                            + read(log(folder)));
                }
                return started;
            } catch (RuntimeException e) {
                delete(folder);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the password file; returns the configuration lines that use it. Mosquitto started as
     * root reads it after switching to its own user, so the folder lets others through to it.
     */
    private static String passwordFile(Path binary, Path folder, String username, String password)
            throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        Path file = folder.resolve("passwords");
        Path passwd = binary.resolveSibling("mosquitto_passwd");
        if (!Files.isExecutable(passwd)) {
            passwd = Path.of("/usr/bin/mosquitto_passwd");
        }
        Process process = new ProcessBuilder(passwd.toString(), "-c", "-b", file.toString(), username, password)
                .redirectErrorStream(true).redirectOutput(log(folder).toFile()).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed:\n" + read(log(folder)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "allow_anonymous false\npassword_file " + file;
    }

    /** One start on a fresh free port: the broker, or null when the port was taken meanwhile. */
    private static MosquittoBroker attempt(Path binary, Path folder, String access) throws IOException {
        int port = freePort();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, configuration(port, access));
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(folder).toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (process.isAlive() && !accepts(port) && System.nanoTime() - deadline < 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while starting mosquitto", e);
            }
        }
        if (process.isAlive() && accepts(port)) {
            return new MosquittoBroker(process, folder, port);
        }
        process.destroyForcibly();
        String log = read(log(folder));
        if (log.contains("Address already in use")) {
            return null;
        }
        throw new IllegalStateException("mosquitto did not start on port " + port + ":\n" + log);
    }

    /**
     * A Mosquitto configuration: one listener on 127.0.0.1:{@code port}, the {@code access} lines
     * ({@code allow_anonymous true}, or a password file), no persistence, the log (connections
     * included) to standard output.
     */
    public static String configuration(int port, String access) {
        return String.join("\n",
                "listener " + port + " 127.0.0.1",
                access,
                "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "");
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, the form a proxy's upstream takes. */
    public String address() {
        return host() + ":" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(folder);
        }
    }

    private static Path log(Path folder) {
        return folder.resolve("mosquitto.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
