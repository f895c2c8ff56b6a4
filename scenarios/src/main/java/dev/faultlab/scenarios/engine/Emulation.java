package dev.faultlab.scenarios.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultlab.emulator.Device;
import dev.faultlab.emulator.DeviceConfig;
import dev.faultlab.emulator.EspEvent;
import dev.faultlab.emulator.EventLoops;
import dev.faultlab.emulator.Fleet;
import dev.faultlab.emulator.FleetConfig;
import dev.faultlab.emulator.Profile;
import dev.faultlab.emulator.PublishPlan;
import dev.faultlab.emulator.Subscription;
import dev.faultlab.emulator.Timings;
import dev.faultlab.emulator.Will;
import dev.faultlab.scenarios.model.DeviceSpec;
import dev.faultlab.scenarios.model.EventFilter;
import dev.faultlab.scenarios.model.Presets;
import dev.faultlab.scenarios.model.Quantity;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated devices of one scenario run: a {@link Fleet} per device alias on one shared event
 * loop, connecting to the proxy. Their ESP events and log lines go into the {@link EventLog} as
 * {@link EventFilter.Source#DEVICE} events ({@code MQTT_EVENT_DISCONNECTED}, {@code log} with a
 * {@code line}). Closing stops every device (DISCONNECT when connected) and the loop.
 */
final class Emulation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Emulation.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final EventLoops loops = EventLoops.create(1);
    private final Map<String, Fleet> fleets = new LinkedHashMap<>();
    /** Alias by client id: the configured ones, and those a broker assigned (MQTT 5, empty client id). */
    private final Map<String, String> aliasOfClient = new ConcurrentHashMap<>();
    private final EventLog log;

    Emulation(EventLog log) {
        this.log = log;
    }

    /** Creates and starts the devices of {@code spec}, connecting to {@code host:port}. */
    void start(DeviceSpec spec, String host, int port, Map<String, Quantity> params, long seed) {
        FleetConfig config = fleetConfig(spec, host, port, params, seed);
        config.clientIds().forEach(id -> aliasOfClient.put(id, spec.alias()));
        Fleet fleet = new Fleet(config, loops, this::line);
        fleet.addListener(this::event);
        fleets.put(spec.alias(), fleet);
        fleet.start();
    }

    /**
     * Stops, starts or aborts the connection of every device of {@code alias}, or makes them stop or
     * resume reading their sockets.
     */
    void act(String alias, String action) {
        for (Device device : fleets.get(alias).devices()) {
            switch (action) {
                case "stop" -> device.stop();
                case "start" -> device.start();
                case "pause_reading" -> device.reading(false);
                case "resume_reading" -> device.reading(true);
                default -> device.abortConnection();
            }
        }
    }

    static FleetConfig fleetConfig(DeviceSpec spec, String host, int port, Map<String, Quantity> params, long seed) {
        DeviceSpec.Emulated e = spec.emulated();
        Map<String, Quantity> timers = e.preset() == null ? new HashMap<>(params) : Presets.params(e.preset());
        e.timings().forEach((timer, value) -> timers.put(timer, value.eval(params)));
        Timings timings = Presets.timings(timers);
        DeviceConfig.Builder template = DeviceConfig.builder(host, port, seed)
                .profile(Profile.of(e.profile()))
                .timings(timings)
                .protocol(protocol(e.protocol()))
                .cleanSession(e.cleanSession())
                .autoReconnect(e.autoReconnect())
                .credentials(e.username(), e.password())
                .receiveMaximum(e.receiveMaximum())
                .disableKeepalive(e.esp().disableKeepalive())
                .outboxLimit(e.esp().outboxLimit())
                .bufferSize(e.esp().bufferSize())
                .receiveBuffer(e.esp().receiveBuffer())
                .disconnectWithWill(e.esp().disconnectWithWill())
                .subscriptions(e.subscriptions().stream().map(s -> new Subscription(s.filter(), s.qos())).toList());
        if (e.sessionExpiry() != null) {
            template.sessionExpiry(e.sessionExpiry().millis(params) / 1000);
        }
        if (e.will() != null) {
            DeviceSpec.WillSpec will = e.will();
            long delay = will.delay() == null ? -1 : will.delay().millis(params) / 1000;
            template.will(new Will(will.topic(), will.payload().getBytes(StandardCharsets.UTF_8), will.qos(),
                    will.retain(), delay));
        }
        PublishPlan plan = null;
        if (e.publish() != null) {
            DeviceSpec.PublishSpec p = e.publish();
            plan = new PublishPlan(p.topic(), p.qos(), p.interval().millis(params), p.size());
        }
        return new FleetConfig(template.build(), spec.count(), e.clientId(), plan, 100, seed);
    }

    private static MqttVersion protocol(String version) {
        return switch (version) {
            case "3.1" -> MqttVersion.MQTT_3_1;
            case "5" -> MqttVersion.MQTT_5;
            default -> MqttVersion.MQTT_3_1_1;
        };
    }

    private void line(String clientId, String line) {
        LOG.debug("{} {}", clientId, line);
        ObjectNode fields = ProxyApi.JSON.createObjectNode().put("client_id", clientId).put("line", line);
        log.add(new Observed(System.nanoTime(), Instant.now(), EventFilter.Source.DEVICE, "log",
                aliasOfClient.get(clientId), clientId, fields));
    }

    private void event(Device device, EspEvent event) {
        ObjectNode fields = ProxyApi.JSON.createObjectNode().put("client_id", device.clientId());
        if (event instanceof EspEvent.Connected connected) {
            fields.put("session_present", connected.sessionPresent());
        } else if (event instanceof EspEvent.Error error) {
            fields.put("error_type", error.type().name()).put("code", error.code());
        } else if (event instanceof EspEvent.Data data) {
            fields.put("topic", data.topic()).put("payload", data.payloadText()).put("dup", data.dup());
        } else if (event instanceof EspEvent.Published published) {
            fields.put("msg_id", published.msgId());
        } else if (event instanceof EspEvent.Deleted deleted) {
            fields.put("msg_id", deleted.msgId());
        }
        String alias = aliasOfClient.get(device.config().clientId());
        if (alias != null) {
            aliasOfClient.putIfAbsent(device.clientId(), alias);
        }
        log.add(new Observed(System.nanoTime(), Instant.now(), EventFilter.Source.DEVICE, event.espName(), alias,
                device.clientId(), fields));
    }

    @Override
    public void close() {
        try {
            CompletableFuture.allOf(fleets.values().stream().map(Fleet::stop).toArray(CompletableFuture[]::new))
                    .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("devices did not stop within {} s: {}", STOP_TIMEOUT_SECONDS, e.toString());
        } finally {
            loops.close();
        }
    }
}
