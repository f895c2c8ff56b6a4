package dev.faultlab.proxy.testing;

import dev.faultlab.proxy.capture.CaptureDirectory;
import dev.faultlab.proxy.control.ProxyRegistry;
import dev.faultlab.proxy.control.ProxyRequest;
import dev.faultlab.proxy.control.ProxyState;
import dev.faultlab.proxy.control.ToxicRequest;
import dev.faultlab.proxy.events.EventBus;
import dev.faultlab.proxy.net.ConnectionListener;
import dev.faultlab.proxy.net.DataPlane;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.proxy.net.TrafficMeter;
import dev.faultlab.proxy.net.Transport;
import dev.faultlab.proxy.toxic.ToxicDefinition;
import dev.faultlab.proxy.toxic.ToxicTypes;
import dev.faultlab.proxy.toxic.mqtt.MqttToxics;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;

/** A data plane and registry for socket tests, with real sockets on 127.0.0.1 and free ports. */
public final class ProxyFixture implements AutoCloseable {
    private final DataPlane plane;
    private final ProxyRegistry registry;

    public ProxyFixture() {
        this(ConnectionListener.NONE);
    }

    public ProxyFixture(ConnectionListener listener) {
        this(listener, TrafficMeter.Factory.NONE);
    }

    /** With the proxy's metrics, e.g. a {@code ProxyMetrics} as both listener and meters. */
    public ProxyFixture(ConnectionListener listener, TrafficMeter.Factory meters) {
        this(42, listener, meters);
    }

    /** With the seed of every random choice (as {@code --seed}). */
    public ProxyFixture(long seed, ConnectionListener listener, TrafficMeter.Factory meters) {
        this(seed, listener, meters, new EventBus());
    }

    /** Publishing the connections' events to {@code events}, to observe what the proxy saw. */
    public ProxyFixture(EventBus events) {
        this(42, ConnectionListener.NONE, TrafficMeter.Factory.NONE, events);
    }

    /** Everything given: seed, lifecycle listener, traffic meters and the bus the events go to. */
    public ProxyFixture(long seed, ConnectionListener listener, TrafficMeter.Factory meters, EventBus events) {
        this(DataPlane.create(seed, listener, meters, events));
    }

    /** On the given transport (e.g. {@link Transport#nio()} where epoll would be chosen), two I/O threads. */
    public ProxyFixture(Transport transport, ConnectionListener listener, TrafficMeter.Factory meters) {
        this(new DataPlane(transport, 2, 42, listener, meters, new EventBus(), true));
    }

    private ProxyFixture(DataPlane plane) {
        this.plane = plane;
        registry = new ProxyRegistry(plane, ToxicTypes.standard().with(MqttToxics.types()));
    }

    /** Captures every connection accepted from now on into {@code directory} (as {@code --capture}). */
    public void captureTo(CaptureDirectory directory) {
        plane.captureTo(directory);
    }

    public ProxyRegistry registry() {
        return registry;
    }

    /** Where a client connects to reach proxy {@code name}. */
    public HostPort listen(String name) {
        return HostPort.parse(registry.get(name).listen());
    }

    /** Creates an enabled proxy {@code name} on a free loopback port in front of {@code upstream}. */
    public ProxyState proxy(String name, String upstream) {
        return registry.create(new ProxyRequest(name, "127.0.0.1:0", upstream, true));
    }

    /** Opens a client socket to the proxy. */
    public Socket connect(ProxyState proxy) throws IOException {
        HostPort listen = listen(proxy.name());
        Socket socket = new Socket(listen.host(), listen.port());
        socket.setTcpNoDelay(true);
        return socket;
    }

    public ToxicDefinition toxic(String proxy, String name, String type, String stream, Map<String, Object> attributes) {
        return registry.addToxic(proxy, new ToxicRequest(name, type, stream, null, attributes));
    }

    @Override
    public void close() {
        registry.close();
        plane.close();
    }
}
