package dev.faultlab.e2e;

import dev.faultlab.proxy.testing.ProxyFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What most end-to-end tests stand on: a proxy named {@code mqtt} in front of the shared Mosquitto
 * ({@link SharedBrokers}), started before each test and closed after it, with every event it
 * publishes recorded in {@link #events}.
 */
@ExtendWith(SharedBrokers.class)
abstract class ProxiedMosquittoTest {
    final EventLog events = new EventLog();
    ProxyFixture proxy;
    Mosquitto mosquitto;

    @BeforeEach
    void startProxy(Mosquitto broker) {
        mosquitto = broker;
        proxy = events.proxies();
        proxy.proxy("mqtt", broker.address());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }
}
