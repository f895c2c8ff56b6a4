package dev.faultlab.proxy.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The least of an MQTT broker for tests, on 127.0.0.1 and a free port: it reads whole packets,
 * answers a CONNECT with an accepting CONNACK (in the CONNECT's protocol version) and a PINGREQ
 * with a PINGRESP, and swallows everything else.
 */
public final class FakeBroker implements AutoCloseable {
    private final SocketAcceptor acceptor;

    public FakeBroker() throws IOException {
        acceptor = new SocketAcceptor("fake-broker", FakeBroker::serve);
    }

    public String address() {
        return acceptor.address();
    }

    private static void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int header = in.read();
                if (header < 0) {
                    return;
                }
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> out.write(connack(body));
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00});
                    default -> {
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client or the proxy went away
        }
    }

    /** CONNACK accepted, no session present; MQTT 5 adds an empty property list. */
    private static byte[] connack(byte[] connect) {
        int nameLength = ((connect[0] & 0xFF) << 8) | (connect[1] & 0xFF);
        int level = connect[2 + nameLength];
        return level == 5 ? new byte[] {0x20, 0x03, 0x00, 0x00, 0x00} : new byte[] {0x20, 0x02, 0x00, 0x00};
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    @Override
    public void close() throws IOException {
        acceptor.close();
    }
}
