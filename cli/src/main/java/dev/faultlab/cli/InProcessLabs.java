package dev.faultlab.cli;

import dev.faultlab.broker.MosquittoBroker;
import dev.faultlab.proxy.net.HostPort;
import dev.faultlab.scenarios.engine.Labs;
import dev.faultlab.scenarios.engine.Target;
import java.net.URI;

/**
 * A fresh {@link Lab} per scenario for {@code faultlab run} without {@code --proxy}: the proxy
 * server and the {@code mqtt} proxy on free loopback ports, in front of the embedded broker or a
 * Mosquitto started for it. Closing the target closes the lab, then Mosquitto.
 */
final class InProcessLabs implements Labs {
    private static final HostPort ANY_LOOPBACK = HostPort.parse("127.0.0.1:0");

    private final long seed;

    InProcessLabs(long seed) {
        this.seed = seed;
    }

    @Override
    public Target open(String broker) throws Exception {
        MosquittoBroker mosquitto = broker.equals("mosquitto") ? MosquittoBroker.start() : null;
        try {
            HostPort upstream = mosquitto == null ? null : HostPort.parse(mosquitto.address());
            Lab lab = Lab.start(new Lab.Options(ANY_LOOPBACK, upstream, ANY_LOOPBACK, seed));
            return new InProcess(lab, mosquitto, broker);
        } catch (Exception | Error e) {
            if (mosquitto != null) {
                mosquitto.close();
            }
            throw e;
        }
    }

    /** One lab (and its Mosquitto) serving one scenario. */
    private record InProcess(Lab lab, MosquittoBroker mosquitto, String broker) implements Target {
        @Override
        public URI api() {
            return URI.create("http://" + lab.server().apiAddress());
        }

        @Override
        public void close() {
            try {
                lab.close();
            } finally {
                if (mosquitto != null) {
                    mosquitto.close();
                }
            }
        }
    }
}
