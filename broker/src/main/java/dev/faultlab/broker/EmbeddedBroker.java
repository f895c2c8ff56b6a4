package dev.faultlab.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ServerInformation;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker running in this JVM: HiveMQ Community Edition embedded, MQTT 3.1, 3.1.1 and 5
 * (wills, will delay, session expiry), anonymous clients allowed, sessions kept in memory. It binds
 * one TCP listener; with port 0 the system picks a free one, read back from the broker's own
 * listener information. Closing stops the broker and removes its temporary folder.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final EmbeddedHiveMQ hivemq;
    private final BrokerFolder folder;
    private final String host;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerFolder folder, String host, int port) {
        this.hivemq = hivemq;
        this.folder = folder;
        this.host = host;
        this.port = port;
    }

    /** Starts a broker on a free loopback port. */
    public static EmbeddedBroker start() {
        return start("127.0.0.1", 0);
    }

    /**
     * Starts a broker listening on {@code host:port} and returns once it accepts connections.
     *
     * @param port the TCP port, 0 for any free one
     * @throws IllegalStateException when the broker cannot start (e.g. the port is taken)
     */
    public static EmbeddedBroker start(String host, int port) {
        BrokerFolder folder = BrokerFolder.create(host, port);
        AtomicReference<ServerInformation> server = new AtomicReference<>();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(folder.config())
                .withDataFolder(folder.data())
                .withExtensionsFolder(folder.extensions())
                .withEmbeddedExtension(listenerProbe(server))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int bound = boundPort(server.get());
            LOG.info("MQTT broker (HiveMQ CE embedded) listening on {}:{}", host, bound);
            return new EmbeddedBroker(hivemq, folder, host, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hivemq, folder);
            throw new IllegalStateException("interrupted while starting the MQTT broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(hivemq, folder);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("MQTT broker could not listen on " + host + ":" + port + ": "
                    + cause.getMessage(), cause);
        }
    }

    /** The address the broker listens on, as given. */
    public String host() {
        return host;
    }

    /** The TCP port the broker listens on. */
    public int port() {
        return port;
    }

    /** {@code host:port}, the form a proxy's upstream takes. */
    public String address() {
        return host + ":" + port;
    }

    /** The broker's temporary folder (configuration and data). */
    Path folder() {
        return folder.root();
    }

    /** Stops the broker (its clients are disconnected) and removes its temporary folder. */
    @Override
    public void close() {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            LOG.warn("MQTT broker did not stop cleanly: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            folder.close();
        }
        LOG.info("MQTT broker on {}:{} stopped", host, port);
    }

    private static int boundPort(ServerInformation server) {
        if (server == null) {
            throw new IllegalStateException("the broker started without reporting its listeners");
        }
        for (Listener listener : server.getListener()) {
            if (listener.getPort() > 0) {
                return listener.getPort();
            }
        }
        throw new IllegalStateException("the broker has no bound TCP listener");
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq, BrokerFolder folder) {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            LOG.debug("MQTT broker failed while stopping after a failed start", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            folder.close();
        }
    }

    /**
     * An in-process extension whose only job is to hand out the broker's server information: its
     * listener list carries the port actually bound, which is how port 0 is resolved.
     */
    private static EmbeddedExtension listenerProbe(AtomicReference<ServerInformation> server) {
        ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                server.set(input.getServerInformation());
            }

            @Override
            public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                // holds no resources
            }
        };
        return EmbeddedExtension.builder()
                .withId("faultlab-listener-probe")
                .withName("faultlab listener probe")
                .withVersion("1")
                .withExtensionMain(main)
                .build();
    }
}
