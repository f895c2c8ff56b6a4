package dev.faultlab.proxy.toxic;

import static dev.faultlab.proxy.toxic.VirtualHost.definition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.mqtt.SessionState;
import dev.faultlab.proxy.mqtt.codec.Connect;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the chain reports a toxic beginning and stopping to act on its connection (virtual time). */
class ToxicChainFaultEventsTest {
    private final VirtualHost host = new VirtualHost(Direction.DOWNSTREAM);

    @AfterEach
    void released() {
        host.chain.discard();
        host.assertAllReleased();
    }

    @Test
    void aToxicAddedAndRemovedIsAppliedThenCleared() {
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0))));
        assertThat(host.faults).containsExactly("applied slow");
        host.chain.update(List.of());
        assertThat(host.faults).containsExactly("applied slow", "cleared slow");
    }

    @Test
    void afterDelaysTheApplication() {
        host.advanceMillis(5);
        host.chain.update(List.of(scoped("later", new ToxicScope("", "", "", 100, 0))));
        host.advanceMillis(99);
        assertThat(host.faults).isEmpty();
        host.advanceMillis(1);
        assertThat(host.faults).containsExactly("applied later");
    }

    @Test
    void aClientIdScopeAppliesOnceTheConnectIsSeen() {
        host.chain.update(List.of(scoped("esp", new ToxicScope("ESP32_*", "", "", 0, 0))));
        assertThat(host.faults).isEmpty();
        Connect connect = new Connect(4, "ESP32_1", null, false, 60, true, null, null, null);
        host.session = new SessionState("connecting", connect, "ESP32_1", 60, null, null, null, 0, 0);
        host.chain.sessionChanged();
        host.chain.sessionChanged();
        assertThat(host.faults).containsExactly("applied esp");
    }

    @Test
    void anUpdateThatKeepsTheToxicActingIsNoNewFault() {
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0))));
        host.chain.update(List.of(definition("slow", new LatencyToxic(50, 0))));
        assertThat(host.faults).containsExactly("applied slow");
    }

    @Test
    void anUpdateWhoseRollFailsClearsTheFault() {
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0))));
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0)).withToxicity(0)));
        assertThat(host.faults).containsExactly("applied slow", "cleared slow");
    }

    @Test
    void anUpdateThatDefersTheToxicClearsItThenAppliesItAgain() {
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0))));
        host.chain.update(List.of(scoped("slow", new ToxicScope("", "", "", 50, 0))));
        host.advanceMillis(50);
        assertThat(host.faults).containsExactly("applied slow", "cleared slow", "applied slow");
    }

    @Test
    void aClosedConnectionClearsNothing() {
        host.chain.update(List.of(definition("slow", new LatencyToxic(10, 0))));
        host.chain.discard();
        host.chain.update(List.of());
        assertThat(host.faults).containsExactly("applied slow");
    }

    private ToxicDefinition scoped(String name, ToxicScope scope) {
        return new ToxicDefinition(name, "latency", Direction.DOWNSTREAM, 1.0, new LatencyToxic(10, 0), scope,
                host.now());
    }
}
