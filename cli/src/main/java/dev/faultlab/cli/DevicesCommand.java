package dev.faultlab.cli;

import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.DeviceMetrics;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.Fleet;
import dev.faultlab.emulator.FleetConfig;
import dev.faultlab.emulator.Profile;
import dev.faultlab.emulator.PublishPlan;
import dev.faultlab.emulator.Timings;
import dev.faultlab.emulator.Will;
import dev.faultlab.proxy.net.HostPort;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultlab devices}: a fleet of emulated ESP32 devices, logging ESP-IDF lines to stdout. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "Run a fleet of emulated ESP32 devices (the esp-mqtt client) against a broker or a proxy.")
final class DevicesCommand implements Callable<Integer> {
    /** The will payload of every device when --will-topic is given. */
    static final String WILL_PAYLOAD = "offline";
    /** How long stopping waits for every device to send its DISCONNECT. */
    private static final long STOP_TIMEOUT_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "HOST:PORT", converter = AddressConverter.class,
            description = "broker (or proxy) the devices connect to")
    HostPort broker;

    @Option(names = "--count", required = true, paramLabel = "N", description = "number of devices")
    int count;

    @Option(names = "--profile", defaultValue = "esp-idf-5", paramLabel = "PROFILE",
            description = "keepalive rule: esp-idf-5 or esp-idf-4 (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "PRESET",
            description = "timers: default (the ESP-IDF defaults, K=120 s, R=10 s) or compressed "
                    + "(K=2 s, R=1 s, N=2 s, T_rt=0.5 s, T_exp=5 s) (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--keepalive", paramLabel = "S", description = "keepalive in seconds, over the preset's")
    Long keepaliveSeconds;

    @Option(names = "--reconnect-ms", paramLabel = "MS", description = "reconnect delay R, over the preset's")
    Long reconnectMillis;

    @Option(names = "--client-id", paramLabel = "PATTERN",
            description = "client ids, {n} replaced by the device's index from 0 "
                    + "(default: ESP32_ and three bytes derived from the seed and the index)")
    String clientIdPattern;

    @Option(names = "--null-client-id",
            description = "set_null_client_id: every CONNECT carries an empty client id (an MQTT 5 broker assigns one)")
    boolean nullClientId;

    @Option(names = "--protocol", defaultValue = "3.1.1", paramLabel = "V", converter = ProtocolConverter.class,
            description = "MQTT version: 3.1, 3.1.1 or 5 (default: ${DEFAULT-VALUE})")
    MqttVersion protocol;

    @Option(names = "--username", paramLabel = "U", description = "user name in every CONNECT")
    String username;

    @Option(names = "--password", paramLabel = "P", description = "password in every CONNECT")
    String password;

    @Option(names = "--disable-keepalive",
            description = "disable_keepalive: the CONNECT says keepalive 0 and the devices never ping")
    boolean disableKeepalive;

    @Option(names = "--outbox-limit", defaultValue = "0", paramLabel = "BYTES",
            description = "outbox_limit: a QoS 1/2 publish that would take the outbox past it returns -2 "
                    + "(0: unlimited, the default)")
    long outboxLimit;

    @Option(names = "--buffer-size", defaultValue = "1024", paramLabel = "BYTES",
            description = "buffer_size: a longer inbound PUBLISH is split into several MQTT_EVENT_DATA "
                    + "(default: ${DEFAULT-VALUE})")
    int bufferSize;

    @Option(names = "--receive-buffer", defaultValue = "0", paramLabel = "BYTES",
            description = "the socket receive buffer (SO_RCVBUF), so the devices advertise an lwIP-sized TCP "
                    + "window, e.g. 5760 as ESP-IDF's default TCP_WND (0: the system's default, the default)")
    int receiveBuffer;

    @Option(names = "--disconnect-with-will",
            description = "MQTT 5: the DISCONNECT sent on stop carries reason 0x04, so the broker still publishes the will")
    boolean disconnectWithWill;

    @Option(names = "--will-topic", paramLabel = "T",
            description = "each device's will topic, {id} replaced by its client id (payload \"offline\", QoS 1)")
    String willTopic;

    @Option(names = "--publish", paramLabel = "SPEC",
            description = "publish plan TOPIC[@INTERVAL_MS[:SIZE]]: every device publishes SIZE bytes "
                    + "(default 32) on TOPIC, {id} replaced by its client id, every INTERVAL_MS (default 1000) "
                    + "while connected, e.g. sensors/{id}/temp@500:64")
    String publish;

    @Option(names = "--qos", defaultValue = "0", paramLabel = "Q",
            description = "QoS of the publish plan (default: ${DEFAULT-VALUE})")
    int qos;

    @Option(names = "--connect-rate", defaultValue = "100", paramLabel = "N",
            description = "devices started per second (default: ${DEFAULT-VALUE})")
    int connectRate;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "seed of the default client ids, packet ids and reconnect phases (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--metrics-port", paramLabel = "P",
            description = "serve the devices' Prometheus metrics at http://HOST:P/metrics (0: a free port)")
    Integer metricsPort;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address the metrics endpoint listens on; 0.0.0.0 in a container (default: ${DEFAULT-VALUE})")
    String metricsHost;

    @Option(names = "--metrics-without-client-id",
            description = "sum the device metrics over the fleet instead of a series per client_id (large fleets)")
    boolean metricsWithoutClientId;

    @Override
    public Integer call() throws Exception {
        UntilStopped.run("devices", start());
        return 0;
    }

    /** The fleet the options describe. */
    FleetConfig fleetConfig() {
        Timings timings = Timings.preset(preset);
        if (keepaliveSeconds != null) {
            timings = timings.withKeepalive(TimeUnit.SECONDS.toMillis(keepaliveSeconds));
        }
        if (reconnectMillis != null) {
            timings = timings.withReconnect(reconnectMillis);
        }
        if (nullClientId && clientIdPattern != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--null-client-id and --client-id exclude each other");
        }
        DeviceConfig.Builder template = DeviceConfig.builder(broker.host(), broker.port(), seed)
                .profile(Profile.of(profile))
                .timings(timings)
                .protocol(protocol)
                .credentials(username, password)
                .disableKeepalive(disableKeepalive)
                .outboxLimit(outboxLimit)
                .bufferSize(bufferSize)
                .receiveBuffer(receiveBuffer)
                .disconnectWithWill(disconnectWithWill);
        if (willTopic != null) {
            template.will(Will.of(willTopic, WILL_PAYLOAD, 1, false));
        }
        PublishPlan plan = publish == null ? null : PublishPlan.parse(publish, qos);
        return new FleetConfig(template.build(), count, nullClientId ? "" : clientIdPattern, plan, connectRate, seed);
    }

    /**
     * Starts the fleet on a few event loops, and its metrics endpoint if asked; closing it stops every
     * device (DISCONNECT), then the endpoint and the loops.
     */
    RunningFleet start() throws IOException {
        FleetConfig config = fleetConfig();
        PrintWriter out = spec.commandLine().getOut();
        EventLoops loops = EventLoops.create(Math.min(4, Runtime.getRuntime().availableProcessors()));
        Fleet fleet = new Fleet(config, loops, (clientId, line) -> {
            out.println(clientId + " " + line);
            out.flush();
        });
        HTTPServer metrics = null;
        if (metricsPort != null) {
            PrometheusRegistry registry = new PrometheusRegistry();
            new DeviceMetrics(registry, !metricsWithoutClientId).watch(fleet);
            try {
                metrics = HTTPServer.builder().hostname(metricsHost).port(metricsPort).registry(registry)
                        .buildAndStart();
            } catch (IOException e) {
                loops.close();
                throw e;
            }
            out.println("metrics on http://" + metricsHost + ":" + metrics.getPort() + "/metrics");
            out.flush();
        }
        fleet.start();
        return new RunningFleet(fleet, loops, metrics);
    }

    /** A started fleet, the loops it runs on and its metrics endpoint (null without --metrics-port). */
    record RunningFleet(Fleet fleet, EventLoops loops, HTTPServer metrics) implements AutoCloseable {
        /** The port the metrics endpoint is bound to. */
        int metricsPort() {
            return metrics.getPort();
        }

        @Override
        public void close() throws Exception {
            try {
                fleet.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                try {
                    if (metrics != null) {
                        metrics.close();
                    }
                } finally {
                    loops.close();
                }
            }
        }
    }
}
