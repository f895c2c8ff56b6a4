package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lab-compose.yml} as Debian's {@code docker-compose} reads it (no container engine runs in
 * CI, so nothing is built or started): valid, every host path it mounts and builds from exists in
 * the repository, and the faultlab commands its services run parse as faultlab's options.
 */
class LabComposeTest {
    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void composeFileIsValid() throws Exception {
        assertThat(compose("config", "-q")).isEmpty();
    }

    @Test
    void everyMountedFileAndBuildContextExists() throws Exception {
        JsonNode services = YAML.readTree(compose("config")).path("services");
        assertThat(services.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("mosquitto", "faultlab", "prometheus", "grafana", "fleet");
        List<Path> mounted = new ArrayList<>();
        services.forEach(service -> service.path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("/")) {
                mounted.add(Path.of(source));
            }
        }));
        assertThat(mounted).hasSize(4).allSatisfy(path -> {
            assertThat(path).exists();
            assertThat(path).startsWith(Repository.root());
        });
        services.forEach(service -> {
            if (service.has("build")) {
                assertThat(Path.of(service.path("build").path("context").asText()).resolve("Dockerfile"))
                        .isRegularFile();
            }
        });
    }

    @Test
    void imageAndFleetCommandsAreFaultlabCommands() throws Exception {
        String cmd = Files.readAllLines(Repository.root().resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("CMD ")).findFirst().orElseThrow().substring(4);
        List<String> image = new ArrayList<>();
        JSON.readTree(cmd).forEach(argument -> image.add(argument.asText()));
        assertThat(image).startsWith("up").contains("0.0.0.0:1883", "0.0.0.0:8474", "mosquitto:1883");
        parses(image);

        List<String> fleet = new ArrayList<>();
        YAML.readTree(compose("config")).path("services").path("fleet").path("command")
                .forEach(argument -> fleet.add(argument.asText()));
        assertThat(fleet).startsWith("devices").contains("--broker=faultlab:1883", "--metrics-port=9464");
        parses(fleet);
    }

    private static void parses(List<String> arguments) {
        CommandLine.ParseResult parsed = FaultlabCommand.commandLine().parseArgs(arguments.toArray(String[]::new));
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(arguments.get(0));
    }

    /** Runs docker-compose on the lab file; returns its standard output, failing on a non-zero exit. */
    private static String compose(String... arguments) throws IOException, InterruptedException {
        assertThat(DOCKER_COMPOSE).as("Debian's docker-compose package (.ci/run installs it)").isExecutable();
        List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString(), "--project-directory",
                Repository.root().toString(), "-f", Repository.root().resolve("lab-compose.yml").toString()));
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile("docker-compose", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("docker-compose %s: %s", arguments, Files.readString(errors))
                    .isZero();
            return output;
        } finally {
            Files.delete(errors);
        }
    }
}
