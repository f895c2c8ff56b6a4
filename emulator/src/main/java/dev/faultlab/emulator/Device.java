package dev.faultlab.emulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * One emulated ESP32 running the esp-mqtt client: the public API of the device (start, stop,
 * publish, subscribe, state, outbox size, listeners). Every call hops onto the device's scheduler
 * thread; the connection handling lives in {@link Connector}, the connected loop in {@link Session}.
 */
public final class Device {
    private final DeviceConfig config;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final EspLog log;
    private final EspLog appLog;
    private final Outbox outbox = new Outbox();
    private final FlowControl flowControl = new FlowControl();
    private final List<EspEvent.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Connector connector;
    private volatile DeviceState state = DeviceState.DISCONNECTED;
    private volatile int outboxSize;

    /**
     * @param random packet ids and the reconnect timer's phase come from it
     */
    public Device(DeviceConfig config, Scheduler scheduler, Transport transport, RandomGenerator random,
                  EspLog.Sink logSink) {
        this.config = config;
        this.scheduler = scheduler;
        this.random = random;
        this.log = new EspLog(logSink, scheduler, this::clientId, EspLog.TAG);
        this.appLog = new EspLog(logSink, scheduler, this::clientId, EspLog.APP_TAG);
        this.connector = new Connector(this, scheduler, transport, random.nextInt(10));
    }

    public DeviceConfig config() {
        return config;
    }

    public String clientId() {
        return connector.clientId();
    }

    public DeviceState state() {
        return state;
    }

    /** The device's clock (its scheduler's), in milliseconds; readable from any thread. */
    public long nowMillis() {
        return scheduler.nowMillis();
    }

    /** Items waiting for their ack, or for a connection. */
    public int outboxSize() {
        return outboxSize;
    }

    public void addListener(EspEvent.Listener listener) {
        listeners.add(listener);
    }

    /** Starts the client task: BEFORE_CONNECT, then the connect attempt. */
    public void start() {
        scheduler.execute(() -> {
            if (state == DeviceState.DISCONNECTED) {
                connector.connect();
            }
        });
    }

    /**
     * Stops the client: DISCONNECT when connected (so no will, unless MQTT 5 reason 0x04 is
     * configured), else a bare close; no reconnect.
     */
    public void stop() {
        scheduler.execute(connector::stop);
    }

    /**
     * Disconnects like {@code esp_mqtt_client_disconnect}: when connected, DISCONNECT (reason 0x04 in
     * MQTT 5 when configured, so the will is published anyway), close, DISCONNECTED, and with
     * auto-reconnect a reconnect after R as after any abort. Ignored unless connected.
     */
    public void disconnect() {
        scheduler.execute(connector::disconnect);
    }

    /**
     * Reconnects now, like {@code esp_mqtt_client_reconnect}, when waiting to reconnect: the way on
     * for a device with auto-reconnect off.
     */
    public void reconnect() {
        scheduler.execute(() -> {
            if (state == DeviceState.WAIT_RECONNECT) {
                connector.connect();
            }
        });
    }

    /**
     * Drops the connection the way a transport error does ({@code esp_mqtt_abort_connection}): a bare
     * TCP close, so the broker publishes the will; DISCONNECTED, then a reconnect after R. Ignored
     * unless connecting or connected.
     */
    public void abortConnection() {
        scheduler.execute(() -> {
            if (state == DeviceState.INIT || state == DeviceState.CONNECTED) {
                abort();
            }
        });
    }

    /**
     * Stops ({@code false}) or resumes taking bytes from the current connection's socket, as an
     * application that keeps the MQTT task busy: what the broker sends waits in the TCP receive
     * buffer (the advertised window shrinks), PINGRESPs and acks go unnoticed meanwhile. A reconnect
     * reads normally.
     */
    public void reading(boolean on) {
        scheduler.execute(() -> connector.reading(on));
    }

    /**
     * Publishes like {@code esp_mqtt_client_publish}: QoS 0 goes out now or is dropped when not
     * connected; QoS 1/2 enters the outbox and goes out now when connected, after reconnect otherwise.
     *
     * @return the message id (0 for QoS 0, -1 when a QoS 0 message was dropped)
     */
    public CompletableFuture<Integer> publish(String topic, byte[] payload, int qos, boolean retain) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        byte[] copy = payload.clone();
        CompletableFuture<Integer> id = new CompletableFuture<>();
        scheduler.execute(() -> id.complete(Requests.publish(this, connector.session(), topic, copy, qos, retain)));
        return id;
    }

    /** Subscribes like {@code esp_mqtt_client_subscribe}: only when connected (else -1). */
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        Subscription subscription = new Subscription(filter, qos);
        CompletableFuture<Integer> id = new CompletableFuture<>();
        scheduler.execute(() -> id.complete(Requests.subscribe(this, connector.session(), subscription)));
        return id;
    }

    /** Unsubscribes like {@code esp_mqtt_client_unsubscribe}: only when connected (else -1). */
    public CompletableFuture<Integer> unsubscribe(String filter) {
        CompletableFuture<Integer> id = new CompletableFuture<>();
        scheduler.execute(() -> id.complete(Requests.unsubscribe(this, connector.session(), filter)));
        return id;
    }

    Outbox outbox() {
        return outbox;
    }

    FlowControl flowControl() {
        return flowControl;
    }

    EspLog log() {
        return log;
    }

    void state(DeviceState next) {
        state = next;
    }

    /** A random packet id in 1..65534 that no outbox item uses. */
    int nextMsgId() {
        int id;
        do {
            id = 1 + random.nextInt(65534);
        } while (outbox.contains(id));
        return id;
    }

    void enqueue(OutboxItem item) {
        outbox.add(item);
        outboxSize = outbox.size();
    }

    /** Deletes expired outbox items, raising DELETED for each. */
    void expireOutbox() {
        for (OutboxItem item : outbox.removeExpired(scheduler.nowMillis(), config.timings().outboxExpiry())) {
            emit(new EspEvent.Deleted(item.msgId));
        }
        outboxSize = outbox.size();
    }

    /** Closes the connection without DISCONNECT and waits to reconnect (esp_mqtt_abort_connection). */
    void abort() {
        connector.abort();
    }

    void emit(EspEvent event) {
        outboxSize = outbox.size();
        appLog.info(EventText.of(event));
        for (EspEvent.Listener listener : listeners) {
            listener.onEvent(this, event);
        }
    }
}
