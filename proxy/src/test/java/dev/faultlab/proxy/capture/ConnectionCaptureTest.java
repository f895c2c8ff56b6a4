package dev.faultlab.proxy.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultlab.proxy.testing.PcapFile;
import dev.faultlab.proxy.toxic.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tap of one connection: which conversation and which side each hook writes, records held
 * until the client is known, the end of the connection, and sinks that are done.
 */
class ConnectionCaptureTest {
    private static final int CLIENT = 50_001;
    private static final int LISTEN = 18_830;
    private static final int LOCAL = 50_002;
    private static final int BROKER = 1883;

    private final ConnectionCapture capture = new ConnectionCapture(loopback(CLIENT), loopback(LISTEN),
            loopback(LOCAL), loopback(BROKER));

    @Test
    void eachHookWritesItsConversationAndSide() {
        RecordingSink sink = new RecordingSink();
        capture.add(sink, System.nanoTime());
        capture.identify("esp32-a1");
        capture.received(Direction.UPSTREAM, text("from the client"), System.nanoTime());
        capture.delivered(Direction.UPSTREAM, text("to the broker"), System.nanoTime());
        capture.received(Direction.DOWNSTREAM, text("from the broker"), System.nanoTime());
        capture.delivered(Direction.DOWNSTREAM, text("to the client"), System.nanoTime());

        PcapFile file = sink.file();

        assertThat(sink.clientId).isEqualTo("esp32-a1");
        assertThat(file.between(CLIENT, LISTEN)).hasSize(5);
        assertThat(file.between(LOCAL, BROKER)).hasSize(5);
        assertThat(new String(file.payload(CLIENT, LISTEN), StandardCharsets.US_ASCII)).isEqualTo("from the client");
        assertThat(new String(file.payload(LOCAL, BROKER), StandardCharsets.US_ASCII)).isEqualTo("to the broker");
        assertThat(new String(file.payload(BROKER, LOCAL), StandardCharsets.US_ASCII)).isEqualTo("from the broker");
        assertThat(new String(file.payload(LISTEN, CLIENT), StandardCharsets.US_ASCII)).isEqualTo("to the client");
    }

    @Test
    void recordsWaitUntilTheClientIsKnown() {
        RecordingSink sink = new RecordingSink();
        capture.add(sink, System.nanoTime());
        capture.received(Direction.UPSTREAM, text("CONNECT"), System.nanoTime());

        assertThat(sink.begun).isFalse();
        assertThat(sink.records).isZero();

        capture.identify("esp32-b2");
        capture.identify("another");

        assertThat(sink.clientId).isEqualTo("esp32-b2");
        assertThat(sink.records).as("two handshakes and the CONNECT").isEqualTo(7);
        assertThat(sink.file().payload(CLIENT, LISTEN)).asString(StandardCharsets.US_ASCII).isEqualTo("CONNECT");
    }

    @Test
    void aSinkNotNamedByTheClientGetsRecordsAtOnce() {
        RecordingSink stream = new RecordingSink(false);
        capture.add(stream, System.nanoTime());
        capture.received(Direction.UPSTREAM, text("CONNECT"), System.nanoTime());
        capture.identify("esp32-c3");

        assertThat(stream.begun).isTrue();
        assertThat(stream.clientId).isNull();
        assertThat(stream.records).isEqualTo(7);
    }

    @Test
    void tooMuchWaitingStartsTheSinkWithoutAClientId() {
        RecordingSink sink = new RecordingSink();
        capture.add(sink, System.nanoTime());
        capture.received(Direction.DOWNSTREAM, Unpooled.wrappedBuffer(new byte[ConnectionCapture.MAX_PENDING_BYTES]),
                System.nanoTime());

        assertThat(sink.begun).isTrue();
        assertThat(sink.clientId).isNull();
        assertThat(sink.file().payload(BROKER, LOCAL)).hasSize(ConnectionCapture.MAX_PENDING_BYTES);
    }

    @Test
    void aClientResetIsTheClientsRstAndTheProxysTowardsTheBroker() {
        RecordingSink sink = new RecordingSink();
        capture.add(sink, System.nanoTime());
        capture.closed(true, true, false, System.nanoTime());

        PcapFile file = sink.file();

        assertThat(sink.ended).isTrue();
        assertThat(sink.begun).isTrue();
        assertThat(file.segments()).filteredOn(s -> s.has(PcapFile.RST))
                .extracting(PcapFile.Segment::sourcePort).containsExactly(CLIENT, LOCAL);
        assertThat(capture.isIdle()).isTrue();
    }

    @Test
    void aGracefulCloseIsTheProxysFinOnBothConversations() {
        RecordingSink sink = new RecordingSink();
        capture.add(sink, System.nanoTime());
        capture.identify(null);
        capture.finReceived(Direction.UPSTREAM, System.nanoTime());
        capture.finDelivered(Direction.UPSTREAM, System.nanoTime());
        capture.closed(false, false, false, System.nanoTime());

        assertThat(sink.file().segments()).filteredOn(s -> s.has(PcapFile.FIN))
                .extracting(PcapFile.Segment::sourcePort).containsExactly(CLIENT, LOCAL, LISTEN);
    }

    @Test
    void aSinkThatIsDoneIsEndedAndLeft() {
        RecordingSink done = new RecordingSink();
        RecordingSink staying = new RecordingSink();
        capture.add(done, System.nanoTime());
        capture.add(staying, System.nanoTime());
        capture.identify("c");
        done.done = true;
        capture.received(Direction.UPSTREAM, text("x"), System.nanoTime());

        assertThat(done.ended).isTrue();
        assertThat(done.records).isEqualTo(6);
        assertThat(staying.records).isEqualTo(7);
        assertThat(capture.isIdle()).isFalse();
        staying.done = true;
        assertThat(capture.isIdle()).isTrue();
    }

    private static ByteBuf text(String value) {
        return Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Keeps what it is given; named by the client as a file is, unless told otherwise. */
    private static final class RecordingSink implements CaptureSink {
        private final List<byte[]> batches = new ArrayList<>();
        private final boolean namedByClient;
        private boolean begun;
        private String clientId;
        private int records;
        private boolean ended;
        private boolean done;

        RecordingSink() {
            this(true);
        }

        RecordingSink(boolean namedByClient) {
            this.namedByClient = namedByClient;
        }

        @Override
        public boolean namedByClient() {
            return namedByClient;
        }

        @Override
        public void begin(String id) {
            assertThat(begun).as("begun once").isFalse();
            begun = true;
            clientId = id;
        }

        @Override
        public void records(byte[] batch, int count) {
            assertThat(begun).as("begun before records").isTrue();
            batches.add(batch);
            records += count;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public boolean done() {
            return done;
        }

        PcapFile file() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(CaptureSink.fileHeader());
            batches.forEach(out::writeBytes);
            return PcapFile.parse(out.toByteArray());
        }
    }
}
