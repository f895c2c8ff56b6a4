package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultlab.scenarios.model.Glob;
import dev.faultlab.scenarios.model.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet captures of one run ({@code capture} steps): for each client of the device, the
 * proxy's {@code GET /connections/{client_id}/capture} stream copied into a pcap file by a thread
 * of its own ({@link PcapCopy}). A capture ends with its connection, its {@code seconds}, or the
 * run: closing lets the streams go quiet (packets of the run's last moments are still on their way;
 * {@value #QUIET_MILLIS} ms without one, {@value #DRAIN_MILLIS} ms at most), ends them, waits for the
 * copies and logs what each file holds.
 */
final class Captures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Captures.class);
    private static final long JOIN_SECONDS = 5;
    /** At the run's end, a capture still receiving is given this long to go quiet... */
    private static final long QUIET_MILLIS = 200;
    /** ...but no longer than this altogether. */
    private static final long DRAIN_MILLIS = 1_000;

    private final ProxyApi api;
    private final String label;
    private final Path configured;
    private final List<Running> running = new ArrayList<>();
    private Path folder;

    private record Running(String clientId, Path file, InputStream stream, PcapCopy copy, Thread thread) {
    }

    /**
     * @param label  the run's label (scenario, variant, broker), the start of every file's name
     * @param folder where the files go, or null for a temporary folder made on the first capture
     */
    Captures(ProxyApi api, String label, Path folder) {
        this.api = api;
        this.label = label;
        this.configured = folder;
    }

    /** Starts capturing every connected client matching {@code pattern}; the observation names the files. */
    synchronized Outcome start(Step.Capture step, String pattern, String proxy, Long seconds)
            throws ExpectationFailed {
        long started = System.nanoTime();
        Set<String> clients = new LinkedHashSet<>();
        for (JsonNode connection : api.connections(proxy)) {
            String clientId = connection.path("client_id").asText(null);
            if (Glob.matches(pattern, clientId)) {
                clients.add(clientId);
            }
        }
        if (clients.isEmpty()) {
            throw new ExpectationFailed("no connection of a client matching " + pattern + " to capture");
        }
        List<String> files = new ArrayList<>();
        for (String clientId : clients) {
            String name = step.file() != null && clients.size() == 1 ? step.file()
                    : safe(label) + "-" + safe(clientId) + ".pcap";
            Path file = folder().resolve(name);
            files.add(file.toString());
            launch(clientId, file, api.capture(clientId, seconds));
        }
        return Outcome.at("capturing into " + String.join(", ", files), started);
    }

    private void launch(String clientId, Path file, InputStream stream) {
        PcapCopy copy = new PcapCopy();
        Thread thread = new Thread(() -> {
            try (InputStream in = stream; OutputStream out = Files.newOutputStream(file)) {
                copy.copy(in, out);
            } catch (IOException e) {
                LOG.warn("capture of {} into {}: {}", clientId, file, e.toString());
            }
        }, "faultlab-capture-" + clientId);
        thread.setDaemon(true);
        thread.start();
        running.add(new Running(clientId, file, stream, copy, thread));
    }

    private Path folder() {
        if (folder == null) {
            try {
                folder = configured != null ? Files.createDirectories(configured)
                        : Files.createTempDirectory("faultlab-captures");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the capture folder: " + e.getMessage(), e);
            }
        }
        return folder;
    }

    /** A name's characters that are safe in a file name on every system; the rest become {@code _}. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public synchronized void close() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (Running capture : running) {
            capture.copy().awaitQuiet(TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS), deadline);
        }
        for (Running capture : running) {
            try {
                capture.stream().close();
            } catch (IOException e) {
                LOG.debug("closing the capture stream of {}: {}", capture.clientId(), e.toString());
            }
        }
        for (Running capture : running) {
            capture.thread().join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
            LOG.info("capture of {}: {} packets in {}", capture.clientId(), capture.copy().records(), capture.file());
        }
        running.clear();
    }
}
