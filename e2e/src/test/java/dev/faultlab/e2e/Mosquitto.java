package dev.faultlab.e2e;

import dev.faultlab.broker.MosquittoBroker;

/**
 * The Debian {@code mosquitto} broker as a child process for tests, on 127.0.0.1 and a free port
 * ({@link MosquittoBroker}); {@code .ci/run} installs the package.
 */
public final class Mosquitto implements AutoCloseable {
    private final MosquittoBroker broker;

    private Mosquitto(MosquittoBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker for anonymous clients. */
    public static Mosquitto start() {
        return new Mosquitto(MosquittoBroker.start());
    }

    /** Starts a broker that refuses anonymous clients and knows one user. */
    public static Mosquitto withUser(String username, String password) {
        return new Mosquitto(MosquittoBroker.withUser(username, password));
    }

    public String host() {
        return broker.host();
    }

    public int port() {
        return broker.port();
    }

    /** {@code host:port}, the form a proxy's upstream takes. */
    public String address() {
        return broker.address();
    }

    @Override
    public void close() {
        broker.close();
    }
}
