package dev.faultlab.proxy.net;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the {@link TcpWindows} of many connections at once, for a scrape: one task per event loop
 * reads all of that loop's connections (two getsockopt calls each) and the caller waits for the
 * loops at most a given time altogether; a loop that does not answer in time, or is gone, leaves
 * its connections out. Nothing is added to the data path.
 */
public final class WindowProbe {
    private WindowProbe() {
    }

    /** Each connection's windows, for those read in time; closed connections are left out. */
    public static Map<Connection, TcpWindows> read(Collection<Connection> connections, long waitMillis)
            throws InterruptedException {
        Map<EventLoop, List<Connection>> byLoop = new HashMap<>();
        for (Connection connection : connections) {
            byLoop.computeIfAbsent(connection.eventLoop(), loop -> new ArrayList<>()).add(connection);
        }
        List<CompletableFuture<Map<Connection, TcpWindows>>> pending = new ArrayList<>(byLoop.size());
        byLoop.forEach((loop, group) -> pending.add(readOn(loop, group)));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        Map<Connection, TcpWindows> read = new HashMap<>();
        for (CompletableFuture<Map<Connection, TcpWindows>> part : pending) {
            try {
                read.putAll(part.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException e) {
                part.cancel(false);
            }
        }
        return read;
    }

    private static CompletableFuture<Map<Connection, TcpWindows>> readOn(EventLoop loop, List<Connection> group) {
        CompletableFuture<Map<Connection, TcpWindows>> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                Map<Connection, TcpWindows> read = new HashMap<>();
                for (Connection connection : group) {
                    if (!connection.isClosed()) {
                        read.put(connection, connection.windowsNow());
                    }
                }
                done.complete(read);
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
