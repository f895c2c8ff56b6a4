package dev.faultlab.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Mosquitto as a child process, for a lab that wants a second broker implementation behind the
 * proxy: the {@code mosquitto} binary from the PATH (or {@code /usr/sbin}, where Debian puts it),
 * a generated configuration in a temporary folder (one listener on 127.0.0.1 and a free port,
 * anonymous clients or one user from a password file, no persistence, log to a file), started and
 * waited for until it accepts connections ({@link #launch}, which the native lab uses with a
 * folder and port of its own). Closing stops it and removes the folder.
 */
public final class MosquittoBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final String ANONYMOUS = "allow_anonymous true";

    private final ChildProcess process;
    private final Path folder;

    private MosquittoBroker(ChildProcess process, Path folder) {
        this.process = process;
        this.folder = folder;
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

    /**
     * Starts {@code binary} for anonymous clients on 127.0.0.1:{@code port} (0: a free port) with its
     * configuration and log in {@code folder}, which stays when it stops.
     */
    public static ChildProcess launch(Path binary, int port, Path folder) throws IOException {
        return launch(binary, port, folder, ANONYMOUS);
    }

    private static ChildProcess launch(Path binary, int port, Path folder, String access) throws IOException {
        Path config = folder.resolve("mosquitto.conf");
        return LoopbackPort.start("mosquitto", port, chosen -> {
            Files.writeString(config, configuration(chosen, access));
            return ChildProcess.start("mosquitto", List.of(binary.toString(), "-c", config.toString()), chosen,
                    log(folder), START_TIMEOUT);
        });
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
                String access = username == null ? ANONYMOUS : passwordFile(binary, folder, username, password);
                return new MosquittoBroker(launch(binary, 0, folder, access), folder);
            } catch (IOException | RuntimeException e) {
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
                throw new IllegalStateException("mosquitto_passwd failed:\n"
                        + Files.readString(log(folder), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "allow_anonymous false\npassword_file " + file;
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
        return process.port();
    }

    /** {@code host:port}, the form a proxy's upstream takes. */
    public String address() {
        return host() + ":" + port();
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            delete(folder);
        }
    }

    private static Path log(Path folder) {
        return folder.resolve("mosquitto.log");
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
