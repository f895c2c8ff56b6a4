package dev.faultlab.proxy.will;

import dev.faultlab.proxy.control.ApiException;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.events.ConnectionEvent;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.events.PacketEvent;
import dev.faultlab.proxy.events.ProxyEvent;
import dev.faultlab.proxy.net.HostPort;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The will watcher: follows the CONNECTs with a will on the event bus and, through one MQTT client
 * per upstream broker ({@link BrokerWatch}, connected when that broker's first will is registered),
 * subscribes to each will topic, times each will's arrival from the loss the proxy observed
 * ({@link WillLedger}), and publishes it as a {@code will_published} event and in
 * {@link WillMetrics}. Messages flagged retain (a broker's stored copy of an old will) are not
 * wills. Everything runs on one thread of its own; bus listeners only hand events over to it, so
 * the event loops never wait.
 */
public final class WillWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WillWatcher.class);
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Set<String> EVENT_TYPES =
            Set.of("connect", "connack", "disconnect", "connection_closed", "fault_applied", "fault_cleared");

    private final EventBus events;
    private final ProxyRegistry proxies;
    private final WillMetrics metrics;
    private final Credentials credentials;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread named = new Thread(runnable, "will-watcher");
        named.setDaemon(true);
        return named;
    });
    private final Map<String, BrokerWatch> brokers = new ConcurrentHashMap<>();
    private final WillLedger ledger;
    private final EventBus.Subscription subscription;

    /**
     * What the watcher needs.
     *
     * @param credentials what it connects to the brokers with
     * @param grace       how long after a will is due (the close plus the will delay) it is waited for
     */
    public record Options(Credentials credentials, Duration grace) {
        public static Options defaults() {
            return new Options(Credentials.NONE, Duration.ofSeconds(30));
        }

        public Options credentials(Credentials given) {
            return new Options(given, grace);
        }
    }

    /** Starts watching the wills of the connections of {@code proxies}, whose events go to {@code events}. */
    public WillWatcher(EventBus events, ProxyRegistry proxies, WillMetrics metrics, Options options) {
        this.events = events;
        this.proxies = proxies;
        this.metrics = metrics;
        this.credentials = options.credentials();
        this.clock = Clock.systemUTC();
        this.ledger = new WillLedger(options.grace(), new LedgerListener());
        thread.scheduleWithFixedDelay(() -> ledger.expire(clock.instant()), 1, 1, TimeUnit.SECONDS);
        subscription = events.subscribe(EVENT_TYPES, event -> onThread(() -> handle(event)));
    }

    private void handle(ProxyEvent event) {
        if (event instanceof PacketEvent.Connect connect && connect.willTopic() != null) {
            String upstream = upstreamOf(connect.proxy());
            if (upstream != null) {
                ledger.connect(connect, upstream);
            }
        } else if (event instanceof PacketEvent.Connack connack) {
            ledger.connack(connack);
        } else if (event instanceof PacketEvent.Disconnect disconnect) {
            ledger.disconnect(disconnect);
        } else if (event instanceof ConnectionEvent.Closed closed) {
            ledger.closed(closed);
        } else if (event instanceof ConnectionEvent.FaultApplied applied) {
            ledger.faultApplied(applied);
        } else if (event instanceof ConnectionEvent.FaultCleared cleared) {
            ledger.faultCleared(cleared);
        }
    }

    private String upstreamOf(String proxy) {
        try {
            return proxies.get(proxy).upstream();
        } catch (ApiException e) {
            return null;
        }
    }

    /**
     * A message from {@code upstream}'s broker. A will is looked at {@link #SETTLE} after it arrived:
     * the close of a connection that ended at the will's moment (the broker's FIN and the will leave
     * together) reaches the watcher by another path, and may come just after the will.
     */
    private void received(String upstream, Arrival arrival) {
        if (!arrival.retain()) {
            thread.schedule(() -> arrived(upstream, arrival), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void arrived(String upstream, Arrival arrival) {
        ledger.arrived(upstream, arrival.topic(), arrival.payload(), arrival.at()).ifPresent(will -> {
            LOG.debug("will of {} on {} after {} ms", will.clientId(), will.topic(), will.latencyMillis());
            metrics.published(will);
            events.publish(will);
        });
    }

    /**
     * Whether the watcher's subscription to will topic {@code topic} on broker {@code upstream}
     * ({@code host:port} as the proxy names it) is acknowledged, so a will published now is seen.
     */
    public boolean watching(String upstream, String topic) {
        BrokerWatch broker = brokers.get(upstream);
        return broker != null && broker.watching(topic);
    }

    /** Runs {@code task} on the watcher's thread; after {@link #close} it is dropped. */
    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.trace("will watcher closed, dropped a task");
        }
    }

    /** Stops watching: leaves the bus, disconnects from every broker, ends the thread. */
    @Override
    public void close() {
        subscription.close();
        onThread(() -> brokers.values().forEach(BrokerWatch::close));
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the ledger's transitions into metrics and subscriptions. */
    private final class LedgerListener implements WillLedger.Listener {
        @Override
        public void registered(String proxy, String clientId) {
            metrics.registered(proxy, clientId);
        }

        @Override
        public void unregistered(String proxy, String clientId) {
            metrics.unregistered(proxy, clientId);
        }

        @Override
        public void topicNeeded(String upstream, String topic) {
            brokers.computeIfAbsent(upstream, address -> new BrokerWatch(HostPort.parse(address), credentials,
                    WillWatcher.this::onThread, clock, arrival -> onThread(() -> received(address, arrival))))
                    .subscribe(topic);
        }

        @Override
        public void topicReleased(String upstream, String topic) {
            brokers.get(upstream).unsubscribe(topic);
        }
    }
}
