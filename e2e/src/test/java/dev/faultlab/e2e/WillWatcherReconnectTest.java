package dev.faultlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.faultlab.broker.EmbeddedBroker;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.WillEvent;
import dev.faultlab.proxy.net.CloseCause;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.testing.ProxyFixture;
import dev.faultlab.proxy.will.Credentials;
import dev.faultlab.proxy.will.WillMetrics;
import dev.faultlab.proxy.will.WillWatcher;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The will watcher outlives its broker: when the embedded broker stops, the watcher says so once
 * in the log (never with its password) and retries with backoff; when a broker is back on the same
 * address it subscribes again to the will topics still registered and times new wills.
 */
class WillWatcherReconnectTest {
    /**
     * How long the watcher may take to be back: its retries are at most 30 s apart, and the embedded
     * broker closes connections for a moment after it starts listening, so one retry may fall in
     * that moment and the next come 30 s later.
     */
    private static final Duration BACK = Duration.ofSeconds(65);
    private static final byte[] OFFLINE = "offline".getBytes(StandardCharsets.UTF_8);

    private final EventLog events = new EventLog();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger brokerWatchLog = (Logger) LoggerFactory.getLogger("dev.faultlab.proxy.will.BrokerWatch");
    private EmbeddedBroker broker;
    private ProxyFixture proxy;
    private WillWatcher watcher;

    @AfterEach
    void stop() {
        brokerWatchLog.detachAppender(log);
        if (watcher != null) {
            watcher.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBrokerThatComesBackIsWatchedAgain() throws Exception {
        broker = EmbeddedBroker.start();
        String upstream = broker.address();
        EventBus bus = new EventBus();
        bus.subscribe(events);
        proxy = new ProxyFixture(bus);
        proxy.proxy("mqtt", upstream);
        watcher = new WillWatcher(bus, proxy.registry(), new WillMetrics(new PrometheusRegistry(), true),
                WillWatcher.Options.defaults().credentials(new Credentials("watcher", "s3cret")));
        log.start();
        brokerWatchLog.addAppender(log);
        HostPort listen = proxy.listen("mqtt");

        try (TestClient before = device(listen, "reconnect-before")) {
            await().atMost(EventLog.WAIT).until(() -> watcher.watching(upstream, "e2e/reconnect/reconnect-before"));
            broker.close();
            await().atMost(EventLog.WAIT).until(() -> !watcher.watching(upstream, "e2e/reconnect/reconnect-before"));
            broker = EmbeddedBroker.start("127.0.0.1", HostPort.parse(upstream).port());
            await().atMost(BACK).until(() -> watcher.watching(upstream, "e2e/reconnect/reconnect-before"));
        }

        try (TestClient after = device(listen, "reconnect-after")) {
            await().atMost(EventLog.WAIT).until(() -> watcher.watching(upstream, "e2e/reconnect/reconnect-after"));
            ProxyConnections.of(proxy, "mqtt", "reconnect-after").closeAsync(CloseCause.API_CUT, false);
            WillEvent will = events.await(WillEvent.class, w -> "reconnect-after".equals(w.clientId()));
            assertThat(will.loss()).isEqualTo("api_cut");
        }
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("s3cret"));
    }

    private static TestClient device(HostPort listen, String id) throws Exception {
        return TestClient.Kind.HIVEMQ_3.connect(listen.host(), listen.port(),
                TestClient.Options.of(id).will("e2e/reconnect/" + id, OFFLINE, 1));
    }
}
