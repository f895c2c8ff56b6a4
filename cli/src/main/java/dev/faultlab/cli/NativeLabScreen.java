package dev.faultlab.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one screen {@code faultlab lab} prints: the proxy's lines ({@link LabScreen}), then where
 * Prometheus, the emulated devices and the logs are, and how to start a Grafana of one's own on the
 * repository's provisioning (Grafana is not packaged in Debian, so the native lab does not run it).
 */
final class NativeLabScreen {
    private NativeLabScreen() {
    }

    static String render(NativeLab lab) {
        NativeLab.Options options = lab.options();
        String prometheus = "http://127.0.0.1:" + lab.prometheusPort();
        List<String> lines = new ArrayList<>();
        lines.add("  broker log   " + lab.folder().resolve("mosquitto.log") + "  (Mosquitto)");
        String scraped = lab.fleet() == null ? "the proxy" : "the proxy and the devices";
        lines.add("  Prometheus   " + prometheus + "  (scrapes " + scraped + " every "
                + options.scrapeInterval().toSeconds() + " s)");
        if (lab.fleet() != null) {
            lines.add("  devices      " + options.devices() + " emulated ESP32 (" + LabFleet.CLIENT_IDS + ", preset "
                    + options.preset() + "), metrics http://127.0.0.1:" + lab.fleet().metricsPort()
                    + "/metrics, log " + lab.folder().resolve("devices.log"));
        }
        Path grafana = grafanaFolder();
        lines.add("  Grafana      not started (not packaged in Debian); to run your own on this lab's data:");
        lines.add("               GF_PATHS_PROVISIONING=" + grafana.resolve("provisioning") + " FAULTLAB_DASHBOARDS="
                + grafana.resolve("dashboards") + " FAULTLAB_PROMETHEUS_URL=" + prometheus + " grafana server");
        return LabScreen.render(lab.lab(), lines);
    }

    /** The repository's {@code grafana/} folder, found above the running jar or classes; else a relative path. */
    static Path grafanaFolder() {
        Path location;
        try {
            location = Path.of(NativeLabScreen.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return Path.of("grafana");
        }
        for (Path folder = location.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path grafana = folder.resolve("grafana");
            if (Files.isDirectory(grafana.resolve("provisioning"))) {
                return grafana;
            }
        }
        return Path.of("grafana");
    }
}
