package dev.faultlab.cli.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the programs the native lab runs: the one an option names, else the first executable of
 * that name on {@code PATH}, then in {@code /usr/sbin} and {@code /sbin} (where Debian puts
 * {@code mosquitto}, outside a normal user's {@code PATH}).
 */
public final class Executables {
    private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/usr/sbin"), Path.of("/sbin"));

    private Executables() {
    }

    /**
     * The program to run.
     *
     * @param name          the program's file name, e.g. {@code mosquitto}
     * @param given         the path an option gave, or null to search
     * @param debianPackage the package that brings it, named in the error
     * @param option        the option that names it, named in the error
     * @throws IllegalStateException when there is none, saying how to get one
     */
    public static Path find(String name, Path given, String debianPackage, String option) {
        if (given != null) {
            if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
                throw new IllegalStateException(option + " " + given + ": not an executable file");
            }
            return given;
        }
        for (Path folder : searchPath()) {
            Path candidate = folder.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " not found on PATH, in /usr/sbin or /sbin: install the Debian "
                + "package " + debianPackage + " (apt-get install " + debianPackage + "), or give its path with "
                + option);
    }

    private static List<Path> searchPath() {
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        folders.addAll(SYSTEM_FOLDERS);
        return folders;
    }
}
