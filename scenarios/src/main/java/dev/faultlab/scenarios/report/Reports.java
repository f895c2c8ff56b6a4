package dev.faultlab.scenarios.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the files of a run: {@code report.md} and {@code junit.xml} in a folder, or JUnit XML alone. */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes {@code report.md} and {@code junit.xml} into {@code folder} (created if needed).
     *
     * @return the Markdown report's path
     */
    public static Path writeDirectory(Path folder, List<RunResult> results) throws IOException {
        Files.createDirectories(folder);
        Path markdown = folder.resolve("report.md");
        Files.writeString(markdown, MarkdownReport.render(results), StandardCharsets.UTF_8);
        writeJUnit(folder.resolve("junit.xml"), results);
        return markdown;
    }

    public static void writeJUnit(Path file, List<RunResult> results) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JUnitXml.render(results), StandardCharsets.UTF_8);
    }
}
