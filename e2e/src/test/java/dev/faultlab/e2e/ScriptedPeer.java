package dev.faultlab.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw TCP "broker" on 127.0.0.1 and a free port for one connection: it records every byte it
 * receives until end of stream and, once it has received {@code speakAfter} bytes (the client's
 * CONNECT, say), writes a prepared script in random pieces and shuts its output.
 */
final class ScriptedPeer implements AutoCloseable {
    private static final long WAIT_SECONDS = 30;
    private final ServerSocket server;
    private final byte[] script;
    private final int speakAfter;
    private final SplittableRandom random;
    private final CountDownLatch speak = new CountDownLatch(1);
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "scripted-peer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Socket socket;

    ScriptedPeer(byte[] script, int speakAfter, long seed) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.script = script;
        this.speakAfter = speakAfter;
        this.random = new SplittableRandom(seed);
        threads.execute(this::serve);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Everything the peer received, once the other side ended the stream. */
    byte[] received() throws Exception {
        return get(received);
    }

    /** Waits until the whole script was written. */
    void awaitWritten() throws Exception {
        get(written);
    }

    private void serve() {
        try {
            Socket accepted = server.accept();
            socket = accepted;
            accepted.setTcpNoDelay(true);
            threads.execute(() -> play(accepted));
            record(accepted.getInputStream());
        } catch (IOException | RuntimeException e) {
            received.completeExceptionally(e);
            speak.countDown();
        }
    }

    private void record(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        if (speakAfter <= 0) {
            speak.countDown();
        }
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
            if (all.size() >= speakAfter) {
                speak.countDown();
            }
        }
        speak.countDown();
        received.complete(all.toByteArray());
    }

    private void play(Socket accepted) {
        try {
            if (!speak.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client never sent its first " + speakAfter + " bytes");
            }
            OutputStream out = accepted.getOutputStream();
            Fragments.write(out, script, random);
            accepted.shutdownOutput();
            written.complete(null);
        } catch (IOException | RuntimeException e) {
            written.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            written.completeExceptionally(e);
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("the scripted peer did not finish within " + WAIT_SECONDS + " s", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            server.close();
            Socket accepted = socket;
            if (accepted != null) {
                accepted.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
