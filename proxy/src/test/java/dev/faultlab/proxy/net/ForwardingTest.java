package dev.faultlab.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.testing.EchoServer;
import dev.faultlab.proxy.testing.ProxyFixture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForwardingTest {
    private EchoServer echo;
    private ProxyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        echo = new EchoServer();
        fixture = new ProxyFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        echo.close();
    }

    @Test
    void bytesCrossTheProxyUnchangedBothWays() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(payload);
        try (Socket socket = fixture.connect(proxy)) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                    socket.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] received = socket.getInputStream().readAllBytes();
            writer.join();
            assertThat(received).isEqualTo(payload);
        }
    }

    @Test
    void aHalfClosedRequestStillGetsItsResponse() throws Exception {
        ProxyState proxy = fixture.proxy("echo", echo.address());
        try (Socket socket = fixture.connect(proxy)) {
            socket.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            assertThat(response.toString(StandardCharsets.US_ASCII)).isEqualTo("request");
        }
    }
}
