package dev.faultlab.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary home of one embedded broker: {@code conf/config.xml} (one TCP listener, in-memory
 * persistence, no usage statistics), an empty {@code data/} and an empty {@code extensions/}
 * folder, so nothing is ever loaded from or left on disk.
 */
final class BrokerFolder implements AutoCloseable {
    private final Path root;

    private BrokerFolder(Path root) {
        this.root = root;
    }

    /** Creates the folder with a configuration that listens on {@code host:port} (0: any free port). */
    static BrokerFolder create(String host, int port) {
        try {
            BrokerFolder folder = new BrokerFolder(Files.createTempDirectory("faultlab-broker-"));
            Files.createDirectories(folder.config());
            Files.createDirectories(folder.data());
            Files.createDirectories(folder.extensions());
            Files.writeString(folder.config().resolve("config.xml"), configXml(host, port), StandardCharsets.UTF_8);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's temporary folder", e);
        }
    }

    Path root() {
        return root;
    }

    Path config() {
        return root.resolve("conf");
    }

    Path data() {
        return root.resolve("data");
    }

    Path extensions() {
        return root.resolve("extensions");
    }

    /** Deletes the folder and everything the broker wrote into it. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the broker's temporary folder " + root, e);
        }
    }

    private static String configXml(String host, int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, xmlEscape(host));
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
