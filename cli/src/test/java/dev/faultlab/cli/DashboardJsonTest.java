package dev.faultlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Grafana dashboards' structure (Grafana itself is not packaged in Debian, so it does not run in
 * the tests): every panel reads the provisioned Prometheus data source and has PromQL targets and a
 * place on the grid; the device dashboard filters by its {@code client_id} variable and the
 * overview aggregates, so it works with and without per-client labels; both mark fault windows.
 */
class DashboardJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATASOURCE_UID = "faultlab-prometheus";
    private static final int GRID_WIDTH = 24;

    @ParameterizedTest
    @ValueSource(strings = {"lab-overview.json", "device.json"})
    void everyPanelHasTheDatasourceTargetsAndAPlaceOnTheGrid(String file) throws IOException {
        JsonNode dashboard = dashboard(file);
        assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(dashboard.path("uid").asText()).startsWith("faultlab-");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(List.of("h", "w", "x", "y")).as("gridPos of %s", title).allMatch(grid::has);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("width of %s", title)
                    .isLessThanOrEqualTo(GRID_WIDTH);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", title)
                    .isEqualTo(DATASOURCE_UID);
            assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as("expr of %s", title).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE_UID);
                assertThat(refIds.add(target.path("refId").asText())).as("unique refId in %s", title).isTrue();
            }
        }
        assertThat(ids).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab-overview.json", "device.json"})
    void faultWindowsAreAnnotatedFromTheActiveFaults(String file) throws IOException {
        JsonNode annotations = dashboard(file).path("annotations").path("list");
        assertThat(annotations).anySatisfy(annotation -> {
            assertThat(annotation.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE_UID);
            assertThat(annotation.path("enable").asBoolean()).isTrue();
            assertThat(annotation.path("expr").asText()).contains("faultlab_faults_active").endsWith("> 0");
            assertThat(annotation.path("titleFormat").asText()).contains("{{type}}");
        });
    }

    @Test
    void overviewQueriesAggregateSoTheyWorkWithoutClientIds() throws IOException {
        assertThat(DashboardQuery.of(Repository.dashboards().resolve("lab-overview.json")))
                .isNotEmpty()
                .allSatisfy(query -> assertThat(query.expr())
                        .as(query.where()).matches("^(sum|max|histogram_quantile)[ (].*")
                        .doesNotContain("client_id"));
    }

    @Test
    void deviceQueriesFilterByTheClientIdVariable() throws IOException {
        JsonNode variable = dashboard("device.json").path("templating").path("list").get(0);
        assertThat(variable.path("name").asText()).isEqualTo("client_id");
        assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(variable.path("query").asText()).isEqualTo("label_values(faultlab_connects_total, client_id)");
        assertThat(variable.path("includeAll").asBoolean()).isTrue();
        assertThat(variable.path("allValue").asText()).isEqualTo(".*");
        assertThat(DashboardQuery.of(Repository.dashboards().resolve("device.json")))
                .filteredOn(query -> !query.expr().contains("faultlab_faults_active"))
                .isNotEmpty()
                .allSatisfy(query -> assertThat(query.expr()).as(query.where())
                        .contains("{client_id=~\"$client_id\"}"));
    }

    @Test
    void provisioningNamesTheDatasourceTheDashboardsUse() throws IOException {
        Path provisioning = Repository.root().resolve("grafana/provisioning");
        assertThat(Files.readString(provisioning.resolve("datasources/prometheus.yml")))
                .contains("uid: " + DATASOURCE_UID, "type: prometheus", "url: ${FAULTLAB_PROMETHEUS_URL}");
        assertThat(Files.readString(provisioning.resolve("dashboards/faultlab.yml")))
                .contains("type: file", "path: ${FAULTLAB_DASHBOARDS}");
        try (Stream<Path> files = Files.list(Repository.dashboards())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("lab-overview.json", "device.json");
        }
    }

    private static JsonNode dashboard(String file) throws IOException {
        return JSON.readTree(Files.readString(Repository.dashboards().resolve(file)));
    }
}
