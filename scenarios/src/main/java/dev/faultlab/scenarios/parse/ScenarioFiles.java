package dev.faultlab.scenarios.parse;

import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.Scenario;
import dev.faultlab.scenarios.model.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds scenario files (a file, or every {@code *.yaml}/{@code *.yml} under a folder) and parses them all. */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /** Every scenario named by {@code paths}, folders walked in name order; all checked before any runs. */
    public static List<Scenario> load(Collection<Path> paths) {
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : files(paths)) {
            Scenario scenario = ScenarioParser.parse(file);
            if (!names.add(scenario.name())) {
                throw new ScenarioException(file + ": another scenario is named '" + scenario.name() + "' too");
            }
            scenarios.add(scenario);
        }
        return scenarios;
    }

    /** Fails on an override that no scenario of the run has as a parameter (a typo). */
    public static void checkParams(List<Scenario> scenarios, Set<String> overrides) {
        Set<String> known = new TreeSet<>(Presets.params("compressed").keySet());
        scenarios.forEach(scenario -> known.addAll(scenario.params().keySet()));
        for (String name : overrides) {
            if (!known.contains(name)) {
                throw new ScenarioException("--param " + name + ": no scenario has this parameter (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private static List<Path> files(Collection<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(ScenarioFiles::yaml).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new ScenarioException(path + ": cannot list: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new ScenarioException(path + ": no such file or folder");
            }
        }
        if (files.isEmpty()) {
            throw new ScenarioException("no scenario files in " + paths);
        }
        return files;
    }

    private static boolean yaml(Path path) {
        String name = path.getFileName().toString();
        return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
