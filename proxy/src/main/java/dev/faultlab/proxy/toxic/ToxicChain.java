package dev.faultlab.proxy.toxic;

import dev.faultlab.proxy.mqtt.SessionState;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The toxics of one direction of one connection, in insertion order, between the source socket
 * and the destination socket.
 *
 * <p>Runs on the connection's event loop only. {@link #update} swaps in a new list of toxic
 * definitions while data flows: stages whose definition is unchanged keep their state; a removed
 * stage hands what it holds to the stage that now follows it; a changed one hands its queue to its
 * replacement, which keeps each chunk's entry time. Stages are drained from the end of the chain
 * to its start, so chunks keep their order whatever the change.
 */
public final class ToxicChain {

    /** The connection behind the chain: the destination, timers, randomness and teardown. */
    public interface Host {
        /** A chunk leaves the last stage: write it to the destination (the end: shut its output). */
        void deliver(Chunk chunk);

        /** A chunk was dropped by a toxic (its bytes are released by the chain afterwards). */
        void dropped(Chunk chunk);

        ToxicContext.Cancellable schedule(long delayNanos, Runnable task);

        long nanoTime();

        RandomGenerator random();

        /** A toxic closes the connection (FIN both ways). */
        void close(ToxicDefinition by);

        /** A toxic resets the connection (RST both ways). */
        void reset(ToxicDefinition by);

        /** The connection's MQTT session as known now. */
        SessionState session();

        /** The client's IP address, for toxic scopes; null when unknown. */
        String remoteAddress();

        /** A toxic made {@code chunk}: count its bytes as held, as if read from the source. */
        void injected(Chunk chunk);

        /** Writes {@code data} back to this direction's source. */
        void reply(ByteBuf data);

        void pauseSource(int receiveBuffer);

        void resumeSource();

        void blackhole(boolean on);

        /** {@code toxic} begins acting on the connection in this direction. */
        void faultApplied(ToxicDefinition toxic);

        /** {@code toxic} stopped acting on the connection in this direction while it lives. */
        void faultCleared(ToxicDefinition toxic);

        /** Where {@code toxic}'s actions on this connection are counted. */
        ToxicMeter meter(ToxicDefinition toxic);
    }

    private final Direction direction;
    private final Host host;
    private List<Node> nodes = List.of();
    private boolean discarded;

    public ToxicChain(Direction direction, Host host) {
        this.direction = direction;
        this.host = host;
    }

    /** A chunk read from the source. */
    public void accept(Chunk chunk) {
        chunk.enteredAt(host.nanoTime());
        if (discarded) {
            dropDiscarded(chunk);
        } else if (nodes.isEmpty()) {
            host.deliver(chunk);
        } else {
            nodes.get(0).receive(chunk, false);
        }
    }

    /** True when no toxic is active in this direction (the zero-copy fast path). */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The definitions currently in force, in order. */
    public List<ToxicDefinition> definitions() {
        List<ToxicDefinition> defs = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            defs.add(node.definition);
        }
        return defs;
    }

    /** Whether a toxic of this chain looks at MQTT packets. */
    public boolean inspectsPackets() {
        for (Node node : nodes) {
            if (node.definition.toxic().inspectsPackets()) {
                return true;
            }
        }
        return false;
    }

    /** The names of the toxics acting on this connection now (toxicity rolled, in scope). */
    public List<String> activeToxics() {
        List<String> names = new ArrayList<>();
        for (Node node : nodes) {
            if (node.active()) {
                names.add(node.definition.name());
            }
        }
        return names;
    }

    /**
     * Replaces the chain with {@code definitions} (this direction's, in order), losing nothing. Does
     * nothing once the chain is discarded (a toxic of the other direction may close the connection
     * while both chains are updated).
     */
    public void update(List<ToxicDefinition> definitions) {
        if (discarded) {
            return;
        }
        Map<String, Node> oldByName = new HashMap<>();
        for (Node node : nodes) {
            oldByName.put(node.definition.name(), node);
        }
        List<Node> next = new ArrayList<>(definitions.size());
        Map<Node, Node> replacedBy = new HashMap<>();
        for (ToxicDefinition def : definitions) {
            Node old = oldByName.get(def.name());
            if (old != null && old.definition.equals(def)) {
                next.add(old);
                continue;
            }
            Node fresh = new Node(def);
            if (old != null) {
                replacedBy.put(old, fresh);
                fresh.continues = old.active;
            }
            next.add(fresh);
        }
        for (int i = 0; i < next.size(); i++) {
            next.get(i).next = i + 1 < next.size() ? next.get(i + 1) : null;
        }
        List<Node> previous = nodes;
        nodes = List.copyOf(next);
        for (Node node : next) {
            if (node.stage == null) {
                node.start();
            }
        }
        replacedBy.forEach((old, fresh) -> fresh.stage.takeOver(old.stage));
        for (int i = previous.size() - 1; i >= 0; i--) {
            Node old = previous.get(i);
            if (next.contains(old)) {
                continue;
            }
            Node replacement = replacedBy.get(old);
            if (replacement != null) {
                old.retire(replacement, true);
            } else {
                old.retire(successor(previous, i, next, replacedBy), false);
            }
        }
    }

    /**
     * The session's identity changed (a CONNECT was seen, or a CONNACK assigned a client id):
     * toxics scoped to client ids or usernames that now match start applying.
     */
    public void sessionChanged() {
        for (Node node : nodes) {
            node.activateIfInScope();
        }
    }

    /**
     * The connection is closed: every stage drops what it holds and stops its timers. From then on
     * the chain drops whatever reaches it, including what a stage still being retired by a running
     * {@link #update} hands on (a toxic may close the connection while it is removed).
     */
    public void discard() {
        discarded = true;
        for (Node node : nodes) {
            node.stage.discard();
            node.cancelTimers();
        }
        nodes = List.of();
    }

    private void dropDiscarded(Chunk chunk) {
        host.dropped(chunk);
        chunk.release();
    }

    private static Node successor(List<Node> previous, int index, List<Node> next, Map<Node, Node> replacedBy) {
        for (int j = index + 1; j < previous.size(); j++) {
            Node later = previous.get(j);
            if (next.contains(later)) {
                return later;
            }
            if (replacedBy.containsKey(later)) {
                return replacedBy.get(later);
            }
        }
        return null;
    }

    /** One toxic in the chain: its definition, its stage and the context the stage sees. */
    private final class Node implements ToxicContext {
        final ToxicDefinition definition;
        private final ActionCount actions;
        ToxicStage stage;
        Node next;
        private boolean retired;
        private boolean handingOver;
        private boolean applies;
        private boolean active;
        private boolean waiting;
        /** Replaces an active node: starting is not a new fault unless the old one is cleared first. */
        private boolean continues;
        private final List<Cancellable> timers = new ArrayList<>(0);

        Node(ToxicDefinition definition) {
            this.definition = definition;
            this.actions = new ActionCount(host.meter(definition));
        }

        /**
         * Rolls the toxicity once, then starts the toxic if the connection is in its scope; until
         * then (or for good, when the roll failed) chunks pass through untouched.
         */
        void start() {
            applies = definition.toxicity() >= 1.0 || host.random().nextDouble() < definition.toxicity();
            stage = this::forward;
            activateIfInScope();
        }

        void activateIfInScope() {
            if (active || !applies || retired || discarded) {
                return;
            }
            ToxicScope scope = definition.scope();
            if (scope.after() > 0) {
                long wait = definition.startsAt() - host.nanoTime();
                if (wait > 0) {
                    if (!waiting) {
                        waiting = true;
                        schedule(wait, () -> {
                            waiting = false;
                            activateIfInScope();
                        });
                    }
                    return;
                }
            }
            SessionState session = host.session();
            if (!scope.matches(host.remoteAddress(), session.clientId(), session.username(), session.connect() != null)) {
                return;
            }
            active = true;
            if (!continues) {
                host.faultApplied(definition);
            }
            stage = definition.toxic().start(this);
        }

        /** Whether the toxic acts on this connection now (rolled, in scope, started). */
        boolean active() {
            return active;
        }

        void receive(Chunk chunk, boolean keepEntryTime) {
            if (!keepEntryTime) {
                chunk.enteredAt(host.nanoTime());
            }
            stage.accept(chunk);
        }

        void retire(Node target, boolean replaced) {
            retired = true;
            if (replaced) {
                target.continues = false;
            }
            if (active && !discarded && !(replaced && target.active)) {
                host.faultCleared(definition);
            }
            next = target;
            handingOver = replaced;
            try {
                if (replaced) {
                    stage.replaced();
                } else {
                    actions.drain(stage::drain);
                }
            } finally {
                handingOver = false;
                cancelTimers();
            }
        }

        void cancelTimers() {
            for (Cancellable timer : timers) {
                timer.cancel();
            }
            timers.clear();
        }

        @Override
        public void forward(Chunk chunk) {
            if (discarded) {
                dropDiscarded(chunk);
                return;
            }
            if (!handingOver) {
                actions.forwarded(chunk);
            }
            if (next == null) {
                host.deliver(chunk);
            } else {
                next.receive(chunk, handingOver);
            }
        }

        @Override
        public void drop(Chunk chunk) {
            if (!discarded) {
                actions.dropped(chunk);
            }
            host.dropped(chunk);
            chunk.release();
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            if (retired || discarded) {
                return () -> { };
            }
            Cancellable[] self = new Cancellable[1];
            self[0] = host.schedule(delayNanos, () -> {
                timers.remove(self[0]);
                actions.timer(task);
            });
            timers.add(self[0]);
            return () -> {
                timers.remove(self[0]);
                self[0].cancel();
            };
        }

        @Override
        public long nanoTime() {
            return host.nanoTime();
        }

        @Override
        public RandomGenerator random() {
            return host.random();
        }

        @Override
        public void close() {
            actions.acted(ToxicAction.CLOSED);
            host.close(definition);
        }

        @Override
        public void reset() {
            actions.acted(ToxicAction.RESET);
            host.reset(definition);
        }

        @Override
        public Direction direction() {
            return direction;
        }

        @Override
        public SessionState session() {
            return host.session();
        }

        @Override
        public void inject(Chunk chunk) {
            actions.injected(chunk);
            host.injected(chunk);
            forward(chunk);
        }

        @Override
        public void reply(ByteBuf data) {
            actions.acted(ToxicAction.REFUSED);
            host.reply(data);
        }

        @Override
        public void pauseSource(int receiveBuffer) {
            actions.acted(ToxicAction.PAUSED);
            host.pauseSource(receiveBuffer);
        }

        @Override
        public void resumeSource() {
            host.resumeSource();
        }

        @Override
        public void blackhole(boolean on) {
            if (on) {
                actions.acted(ToxicAction.BLACKHOLED);
            }
            host.blackhole(on);
        }
    }
}
