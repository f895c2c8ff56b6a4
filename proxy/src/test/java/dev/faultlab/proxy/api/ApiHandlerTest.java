package dev.faultlab.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The one error path beyond the service's own errors: an unexpected exception in an endpoint and
 * the errors Jetty raises itself both answer the JSON error shape.
 */
class ApiHandlerTest {

    @Test
    void unexpectedExceptionIsAJson500() throws Exception {
        RouteTable routes = new RouteTable().add("GET", "/boom", call -> {
            throw new IllegalStateException("kaboom");
        });
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(routes));
        server.start();
        try {
            String response = exchange(connector.getLocalPort(),
                    "GET /boom HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 500 ");
            assertThat(response).containsIgnoringCase("Content-Type: application/json");
            assertThat(response).endsWith(
                    "{\"error\":\"internal error: java.lang.IllegalStateException: kaboom\",\"status\":500}");
        } finally {
            server.stop();
        }
    }

    @Test
    void malformedRequestIsAJsonBadRequest() throws IOException {
        try (ApiTestServer api = new ApiTestServer()) {
            String response = exchange(api.port(),
                    "GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(response).containsIgnoringCase("Content-Type: application/json");
            assertThat(response).contains("\"status\":400");
            assertThat(response).contains("\"error\":\"");
        }
    }

    @Test
    void ambiguousPathIsAJsonBadRequest() throws IOException {
        try (ApiTestServer api = new ApiTestServer()) {
            String response = exchange(api.port(),
                    "GET /proxies/a%2Fb HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 400 ");
            assertThat(response).containsIgnoringCase("Content-Type: application/json");
            assertThat(response).contains("\"status\":400");
        }
    }

    @Test
    void percentEncodedNamesAreDecoded() throws IOException {
        try (ApiTestServer api = new ApiTestServer()) {
            assertThat(api.post("/proxies", "{\"name\":\"my proxy\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false}")
                    .status()).isEqualTo(201);

            String response = exchange(api.port(),
                    "GET /proxies/my%20proxy HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 200 ");
            assertThat(response).contains("\"name\":\"my proxy\"");
        }
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
