package dev.faultlab.scenarios.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a timeline. Every step has a mark: when a step that acts (fault, update, clear, cut,
 * proxy, stop, start, abort, publish, subscribe) began, since its effects may come before its answer;
 * when the event an expect, wait or measure step matched arrived; when any other step ended. A window starts at the
 * previous step's mark, or {@code from} the mark of the step with that {@code id}, or from
 * {@code start}, the run's start (before the devices connect).
 */
public sealed interface Step {

    /** The step's id, or null. */
    String id();

    /** The step's kind as written in YAML. */
    String kind();

    /** Waits up to {@code timeout} for an event (a precondition rather than an expectation). */
    record Wait(String id, EventFilter event, String from, Expression timeout) implements Step {
        public String kind() {
            return "wait";
        }
    }

    /** Adds a toxic named {@code <scenario>.<name>}, scoped to {@code device}'s client ids when given. */
    record Fault(String id, String name, String type, String stream, String device, Expression toxicity,
                 Map<String, Object> attributes) implements Step {
        public Fault {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        public String kind() {
            return "fault";
        }
    }

    /** Changes attributes of a fault added before. */
    record Update(String id, String fault, Map<String, Object> attributes) implements Step {
        public Update {
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        public String kind() {
            return "update";
        }
    }

    /** Removes faults added before (all of them when {@code faults} is empty). */
    record Clear(String id, List<String> faults) implements Step {
        public Clear {
            faults = List.copyOf(faults);
        }

        public String kind() {
            return "clear";
        }
    }

    /** Lets time pass. */
    record Sleep(String id, Expression duration) implements Step {
        public String kind() {
            return "sleep";
        }
    }

    /** Cuts the connections of {@code device} through the proxy's API: {@code fin} or {@code rst}. */
    record Cut(String id, String device, String mode) implements Step {
        public String kind() {
            return "cut";
        }
    }

    /**
     * Changes the proxy as a broker outage: {@code enabled: false} closes every connection and refuses
     * new ones, {@code hang: true} accepts and never answers; null leaves a setting as it is. Cleanup
     * puts both back as they were.
     */
    record Proxy(String id, Boolean enabled, Boolean hang) implements Step {
        public String kind() {
            return "proxy";
        }
    }

    /**
     * Drives emulated devices as the application would: {@code stop} (esp_mqtt_client_stop: DISCONNECT
     * when connected, so no will), {@code start}, {@code abort} (a bare close, as a transport error), or
     * {@code pause_reading} / {@code resume_reading} (the application keeps the MQTT task from reading
     * its socket: what arrives waits in the TCP receive buffer). Not applicable to real boards.
     */
    record Lifecycle(String id, String device, String action) implements Step {
        public String kind() {
            return action;
        }
    }

    /**
     * Captures the connection of each client matching {@code device} from now on, as a pcap file that
     * Wireshark opens (the proxy's capture endpoint), into {@code file} (null: named after the scenario
     * and the client id) in the run's capture folder; for {@code seconds} at most (null: until the
     * connection or the scenario ends).
     */
    record Capture(String id, String device, Expression seconds, String file) implements Step {
        public String kind() {
            return "capture";
        }
    }

    /** Publishes from the side client, straight to the broker ({@code via: broker}) or through the proxy. */
    record Publish(String id, String topic, String payload, int qos, boolean retain, String via) implements Step {
        public String kind() {
            return "publish";
        }
    }

    /** Subscribes the side client; what it receives becomes {@code message} events (source side). */
    record Subscribe(String id, String topic, int qos, String via) implements Step {
        public String kind() {
            return "subscribe";
        }
    }

    /** Expects a matching event within the window. */
    record Expect(String id, EventFilter event, String from, Expression within) implements Step {
        public String kind() {
            return "expect";
        }
    }

    /** Counts the matching events during the window; null bounds are open; bounds are number expressions. */
    record ExpectCount(String id, EventFilter event, String from, Expression during, Expression atLeast,
                       Expression atMost) implements Step {
        public String kind() {
            return "expect_count";
        }
    }

    /** Expects no matching event during the window. */
    record ExpectNone(String id, EventFilter event, String from, Expression during) implements Step {
        public String kind() {
            return "expect_none";
        }
    }

    /**
     * Measures a figure ({@link Figure}), waiting up to {@code within} for the events it needs, and
     * checks it against {@code between} when given.
     *
     * @param name  the figure's name in reports and sweep tables
     * @param event for {@link Figure#INTERVAL}: the events whose spacing is measured
     * @param topic for {@link Figure#WILL_LATENCY}: the will's topic ({@code {id}} allowed)
     */
    record Measure(String id, String name, Figure figure, String device, EventFilter event, String topic,
                   String from, Expression within, Expression low, Expression high) implements Step {
        public String kind() {
            return "measure";
        }
    }
}
