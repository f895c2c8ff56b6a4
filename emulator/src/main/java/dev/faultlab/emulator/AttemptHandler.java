package dev.faultlab.emulator;

import io.netty.handler.codec.mqtt.MqttMessage;

/** Routes one connection attempt's link callbacks to the {@link Connector} while it is the current one. */
final class AttemptHandler implements Transport.Handler {
    private final Connector connector;
    private final int attempt;

    AttemptHandler(Connector connector, int attempt) {
        this.connector = connector;
        this.attempt = attempt;
    }

    @Override
    public void connected() {
        if (connector.isCurrent(attempt)) {
            connector.tcpConnected();
        }
    }

    @Override
    public void connectFailed(Throwable cause) {
        connector.transportFailed(attempt);
    }

    @Override
    public void received(MqttMessage message) {
        if (!connector.isCurrent(attempt)) {
            return;
        }
        Session session = connector.session();
        if (session != null) {
            session.received(message);
        } else {
            connector.connack(message);
        }
    }

    @Override
    public void partialData() {
        Session session = connector.session();
        if (connector.isCurrent(attempt) && session != null) {
            session.partialData();
        }
    }

    @Override
    public void closed(Throwable cause) {
        if (connector.isCurrent(attempt)) {
            connector.closed(attempt);
        }
    }
}
