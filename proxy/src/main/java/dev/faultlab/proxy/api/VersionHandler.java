package dev.faultlab.proxy.api;

import java.util.Map;

/** {@code GET /version}: {@code {"version":"<version>"}}. 200. */
final class VersionHandler implements Endpoint {
    private final ApiResponse answer;

    VersionHandler(String version) {
        this.answer = ApiResponse.json(200, Map.of("version", version));
    }

    @Override
    public ApiResponse handle(ApiCall call) {
        return answer;
    }
}
