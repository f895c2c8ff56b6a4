package dev.faultlab.proxy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tshark} (Wireshark's command line, {@code /usr/bin/tshark}) on a capture file and
 * returns the MQTT packets it decoded, so tests check a capture the way a person opening it would.
 */
public final class Tshark {
    public static final Path BINARY = Path.of("/usr/bin/tshark");
    private static final long TIMEOUT_SECONDS = 60;

    private Tshark() {
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** One MQTT packet as tshark decoded it: the TCP ports of its segment and its message type. */
    public record MqttPacket(int sourcePort, int destinationPort, int type) {
    }

    /**
     * The MQTT packets in {@code file}, in order, decoding MQTT on each of {@code ports}
     * ({@code -d tcp.port==P,mqtt}).
     */
    public static List<MqttPacket> mqttPackets(Path file, int... ports) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-n", "-r", file.toString()));
        for (int port : ports) {
            command.addAll(List.of("-d", "tcp.port==" + port + ",mqtt"));
        }
        command.addAll(List.of("-Y", "mqtt", "-T", "fields", "-E", "separator=;", "-e", "tcp.srcport",
                "-e", "tcp.dstport", "-e", "mqtt.msgtype"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tshark did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("tshark failed with exit code " + process.exitValue() + " on " + file);
        }
        List<MqttPacket> packets = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(";");
            for (String type : fields[2].split(",")) {
                packets.add(new MqttPacket(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]),
                        Integer.parseInt(type.trim())));
            }
        }
        return packets;
    }

    /** The TCP ports of every segment in {@code file}: what to decode as MQTT when any port may carry it. */
    public static int[] ports(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(BINARY.toString(), "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=;", "-e", "tcp.srcport", "-e", "tcp.dstport")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("tshark could not list the ports of " + file);
        }
        return out.lines().filter(line -> !line.isBlank()).flatMap(line -> Arrays.stream(line.split(";")))
                .mapToInt(Integer::parseInt).distinct().toArray();
    }
}
