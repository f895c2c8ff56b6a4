package dev.faultlab.proxy.capture;

import dev.faultlab.proxy.toxic.Direction;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The capture tap of one connection, fed on its event loop while at least one sink listens. It
 * writes two TCP conversations: the client's (client address ↔ the proxy's listen address: bytes
 * as they arrived from the client, bytes as delivered to it after faults, proxy-made replies
 * included) and the broker's (the proxy's upstream socket ↔ the broker: bytes as delivered to it,
 * bytes as they arrived from it), so a capture shows what each side saw and where a fault ate a
 * packet. Timestamps are microseconds, from the proxy's reads and writes.
 *
 * <p>Each sink gets its own sequence numbers and a handshake when it starts. For a sink
 * {@linkplain CaptureSink#namedByClient named by the client} records wait (at most
 * {@value #MAX_PENDING_BYTES} bytes) until the client is known ({@link #identify}).
 */
public final class ConnectionCapture {
    static final int MAX_PENDING_BYTES = 1024 * 1024;

    private final Endpoints client;
    private final Endpoints broker;
    private final long baseMicros;
    private final long baseNanos;
    private final List<Tap> taps = new ArrayList<>();
    private final PcapRecords records = new PcapRecords();
    private boolean identified;
    private String clientId;

    /**
     * @param clientAddress the client's address and port
     * @param listenAddress the proxy's address and port the client connected to
     * @param localAddress the proxy's address and port of its upstream socket
     * @param brokerAddress the broker's address and port
     */
    public ConnectionCapture(InetSocketAddress clientAddress, InetSocketAddress listenAddress,
                             InetSocketAddress localAddress, InetSocketAddress brokerAddress) {
        this.client = Endpoints.of(clientAddress, listenAddress);
        this.broker = Endpoints.of(localAddress, brokerAddress);
        Instant now = Instant.now();
        this.baseNanos = System.nanoTime();
        this.baseMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Starts capturing into {@code sink}: both conversations open with a handshake at {@code nanos}. */
    public void add(CaptureSink sink, long nanos) {
        Tap tap = new Tap(sink);
        taps.add(tap);
        if (identified || !sink.namedByClient()) {
            tap.begin(clientId);
        }
        long micros = micros(nanos);
        tap.client.open(records, micros);
        tap.broker.open(records, micros);
        tap.flush();
    }

    /** The client is known: its client id, or null for plain TCP. Only the first call counts. */
    public void identify(String id) {
        if (identified) {
            return;
        }
        identified = true;
        clientId = id;
        for (Tap tap : taps) {
            if (!tap.begun) {
                tap.begin(id);
                tap.releasePending();
            }
        }
    }

    /** Bytes read from the source of {@code direction}: the client (upstream) or the broker. */
    public void received(Direction direction, ByteBuf data, long nanos) {
        data(direction, true, data, nanos);
    }

    /** Bytes written to the destination of {@code direction}: the broker (upstream) or the client. */
    public void delivered(Direction direction, ByteBuf data, long nanos) {
        data(direction, false, data, nanos);
    }

    /** The source of {@code direction} sent FIN. */
    public void finReceived(Direction direction, long nanos) {
        fin(direction, true, nanos);
    }

    /** The proxy shut the output towards the destination of {@code direction} (its FIN). */
    public void finDelivered(Direction direction, long nanos) {
        fin(direction, false, nanos);
    }

    private void data(Direction direction, boolean atSource, ByteBuf data, long nanos) {
        long micros = micros(nanos);
        boolean up = direction == Direction.UPSTREAM;
        for (Tap tap : live()) {
            tap.conversation(up, atSource).data(records, micros, up, data);
            tap.flush();
        }
    }

    private void fin(Direction direction, boolean atSource, long nanos) {
        long micros = micros(nanos);
        boolean up = direction == Direction.UPSTREAM;
        for (Tap tap : live()) {
            tap.conversation(up, atSource).fin(records, micros, up);
            tap.flush();
        }
    }

    /**
     * The connection closed: with {@code reset}, an RST on both conversations (from the client or
     * the broker when theirs started it, else from the proxy); otherwise the proxy's FIN on both.
     * Every sink ends.
     */
    public void closed(boolean reset, boolean byClient, boolean byBroker, long nanos) {
        identify(null);
        long micros = micros(nanos);
        for (Tap tap : live()) {
            if (reset) {
                tap.client.reset(records, micros, byClient);
                tap.broker.reset(records, micros, !byBroker);
            } else {
                tap.client.fin(records, micros, false);
                tap.broker.fin(records, micros, true);
            }
            tap.flush();
        }
        for (Tap tap : taps) {
            tap.sink.end();
        }
        taps.clear();
    }

    /** Whether no sink listens any more (each left or is done). */
    public boolean isIdle() {
        return live().isEmpty();
    }

    private List<Tap> live() {
        for (Iterator<Tap> it = taps.iterator(); it.hasNext(); ) {
            Tap tap = it.next();
            if (tap.sink.done()) {
                it.remove();
                tap.sink.end();
            }
        }
        return taps;
    }

    private long micros(long nanos) {
        return baseMicros + (nanos - baseNanos) / 1_000;
    }

    /** One sink with its own two conversations and the records held until the client is known. */
    private final class Tap {
        private final CaptureSink sink;
        private final TcpStreamSynthesizer client = new TcpStreamSynthesizer(ConnectionCapture.this.client);
        private final TcpStreamSynthesizer broker = new TcpStreamSynthesizer(ConnectionCapture.this.broker);
        private final List<byte[]> pending = new ArrayList<>();
        private final List<Integer> pendingCounts = new ArrayList<>();
        private int pendingBytes;
        private boolean begun;

        Tap(CaptureSink sink) {
            this.sink = sink;
        }

        void begin(String id) {
            begun = true;
            sink.begin(id);
        }

        /**
         * The conversation a direction's bytes belong to: the client's for what the client sent or
         * receives, the broker's for what the broker sent or receives.
         */
        TcpStreamSynthesizer conversation(boolean upstream, boolean atSource) {
            return upstream == atSource ? client : broker;
        }

        /** Hands the records just formatted to the sink, or keeps them until the client is known. */
        void flush() {
            if (records.isEmpty()) {
                return;
            }
            int count = records.records();
            byte[] batch = records.take();
            if (begun) {
                sink.records(batch, count);
                return;
            }
            pending.add(batch);
            pendingCounts.add(count);
            pendingBytes += batch.length;
            if (pendingBytes > MAX_PENDING_BYTES) {
                identify(null);
            }
        }

        void releasePending() {
            for (int i = 0; i < pending.size(); i++) {
                sink.records(pending.get(i), pendingCounts.get(i));
            }
            pending.clear();
            pendingCounts.clear();
            pendingBytes = 0;
        }
    }
}
