package dev.faultlab.proxy.api;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /metrics}: a scrape of the Prometheus registry in the Prometheus text exposition
 * format ({@code text/plain; version=0.0.4}). 200.
 */
final class MetricsHandler implements Endpoint {
    private final PrometheusRegistry metrics;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsHandler(PrometheusRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, metrics.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApiResponse(200, writer.getContentType(), out.toByteArray());
    }
}
