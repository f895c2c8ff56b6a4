package dev.faultlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files the lab tests check: found above the module's folder, where Maven runs tests. */
final class Repository {
    private Repository() {
    }

    /** The checkout's root: the first folder upwards with {@code lab-compose.yml}. */
    static Path root() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("lab-compose.yml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no lab-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path dashboards() {
        return root().resolve("grafana/dashboards");
    }
}
