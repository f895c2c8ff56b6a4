package dev.faultlab.proxy.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads sample values out of the Prometheus text exposition, as a scraper sees them. */
public final class MetricsText {
    private final String text;

    private MetricsText(String text) {
        this.text = text;
    }

    public static MetricsText scrape(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MetricsText(out.toString(StandardCharsets.UTF_8));
    }

    public static MetricsText of(String text) {
        return new MetricsText(text);
    }

    /**
     * The value of the sample {@code name} whose labels include every {@code label="value"} pair
     * given (as {@code "label", "value", …}); null when there is none.
     */
    public Double value(String name, String... labelPairs) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                if (!line.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"")) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
