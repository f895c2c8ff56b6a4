package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * The connection side of a device's state machine: connecting (BEFORE_CONNECT, TCP within N,
 * CONNECT, CONNACK within N), abort (bare close, DISCONNECTED, WAIT_RECONNECT), the reconnect wait
 * in slices of R/2 (reconnect at the first boundary more than R after the abort; the boundaries sit
 * {@code phase} ms after whole slices, so a device reconnects after R + phase, or after 1.5·R when
 * its phase is 0), and stop. Callbacks from a link the device gave up are ignored.
 */
final class Connector {
    private final Device device;
    private final Scheduler scheduler;
    private final Transport transport;
    private final DeviceConfig config;
    private final long phase;
    private final ServerOverrides overrides;
    private Transport.Link link;
    private Session session;
    private Scheduler.Timer timer;
    private long abortedAt;
    private int attempt;

    Connector(Device device, Scheduler scheduler, Transport transport, long phase) {
        this.device = device;
        this.scheduler = scheduler;
        this.transport = transport;
        this.config = device.config();
        this.phase = phase;
        this.overrides = new ServerOverrides(config);
    }

    String clientId() {
        return overrides.clientId();
    }

    void connect() {
        cancelTimer();
        int current = ++attempt;
        device.state(DeviceState.INIT);
        device.emit(new EspEvent.BeforeConnect());
        if (current != attempt) {
            return;
        }
        link = transport.open(config.host(), config.port(), config.receiveBuffer(),
                new AttemptHandler(this, current));
        timer = scheduler.schedule(config.timings().network(), () -> transportFailed(current));
    }

    void transportFailed(int from) {
        if (from == attempt && device.state() == DeviceState.INIT) {
            device.log().error("Error transport connect");
            device.emit(new EspEvent.Error(EspEvent.ErrorType.TCP_TRANSPORT, 0));
            abortIfCurrent(from);
        }
    }

    void tcpConnected() {
        cancelTimer();
        link.send(Packets.connect(config, overrides.clientId(), overrides.keepalive()));
        int current = attempt;
        timer = scheduler.schedule(config.timings().network(), () -> {
            if (current == attempt) {
                device.log().error("esp_mqtt_connect: mqtt_message_receive() returned 0");
                device.log().error("MQTT connect failed");
                abort();
            }
        });
    }

    /** The first packet after CONNECT. */
    void connack(MqttMessage message) {
        cancelTimer();
        if (message.fixedHeader().messageType() != MqttMessageType.CONNACK) {
            device.log().error("MQTT connect failed");
            abort();
            return;
        }
        MqttConnAckMessage connack = (MqttConnAckMessage) message;
        int code = connack.variableHeader().connectReturnCode().byteValue() & 0xFF;
        if (code != 0) {
            device.log().warn(RefusalText.of(code, config.protocol() == MqttVersion.MQTT_5));
            device.emit(new EspEvent.Error(EspEvent.ErrorType.CONNECTION_REFUSED, code));
            device.log().error("MQTT connect failed");
            abortIfCurrent(attempt);
            return;
        }
        overrides.apply(connack.variableHeader().properties());
        device.flowControl().connected(overrides.receiveMaximum());
        int current = attempt;
        long now = scheduler.nowMillis();
        session = new Session(device, link, scheduler, new Keepalive(config.profile(), overrides.keepalive(), now));
        device.state(DeviceState.CONNECTED);
        device.emit(new EspEvent.Connected(connack.variableHeader().isSessionPresent()));
        for (Subscription subscription : config.subscriptions()) {
            if (current == attempt) {
                Requests.subscribe(device, session, subscription);
            }
        }
        if (current == attempt) {
            session.start();
        }
    }

    private void abortIfCurrent(int from) {
        if (from == attempt) {
            abort();
        }
    }

    void abort() {
        int current = ++attempt;
        teardown();
        device.state(DeviceState.WAIT_RECONNECT);
        abortedAt = scheduler.nowMillis();
        device.emit(new EspEvent.Disconnected());
        if (current == attempt && config.autoReconnect()) {
            waitSlice(current, 1);
        }
    }

    private void waitSlice(int from, int slice) {
        long boundary = abortedAt + phase + slice * (config.timings().reconnect() / 2);
        timer = scheduler.schedule(boundary - scheduler.nowMillis(), () -> {
            if (from != attempt) {
                return;
            }
            device.expireOutbox();
            if (boundary - abortedAt > config.timings().reconnect()) {
                connect();
            } else {
                waitSlice(from, slice + 1);
            }
        });
    }

    void stop() {
        if (device.state() == DeviceState.DISCONNECTED) {
            return;
        }
        boolean connected = device.state() == DeviceState.CONNECTED;
        attempt++;
        if (connected) {
            session.write(Packets.disconnect(config));
        }
        teardown();
        device.state(DeviceState.DISCONNECTED);
        if (connected) {
            device.emit(new EspEvent.Disconnected());
        }
    }

    /** {@code esp_mqtt_client_disconnect} while connected: DISCONNECT, then an abort. */
    void disconnect() {
        if (device.state() != DeviceState.CONNECTED) {
            return;
        }
        device.log().info("Client asked to disconnect");
        session.write(Packets.disconnect(config));
        abort();
    }

    private void teardown() {
        cancelTimer();
        if (session != null) {
            session.stop();
            session = null;
        }
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** Stops or resumes reading the current link; a later connection reads normally. */
    void reading(boolean on) {
        if (link != null) {
            link.reading(on);
        }
    }

    /** The connected loop, or null when not connected. */
    Session session() {
        return device.state() == DeviceState.CONNECTED ? session : null;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    boolean isCurrent(int from) {
        return from == attempt;
    }

    /** The current link was closed by the peer or failed. */
    void closed(int from) {
        if (device.state() == DeviceState.INIT) {
            device.log().error("MQTT connect failed");
        } else {
            device.log().error("mqtt_message_receive() returned -1");
            device.emit(new EspEvent.Error(EspEvent.ErrorType.TCP_TRANSPORT, 0));
        }
        abortIfCurrent(from);
    }
}
