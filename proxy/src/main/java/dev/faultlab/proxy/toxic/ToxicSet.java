package dev.faultlab.proxy.toxic;

import java.util.ArrayList;
import java.util.List;

/**
 * The toxics of a proxy, an immutable snapshot: the upstream chain and the downstream chain, each
 * in insertion order. The control plane builds a new set for every change and hands it to each
 * connection's event loop.
 */
public record ToxicSet(List<ToxicDefinition> upstream, List<ToxicDefinition> downstream) {
    public static final ToxicSet EMPTY = new ToxicSet(List.of(), List.of());

    public ToxicSet {
        upstream = List.copyOf(upstream);
        downstream = List.copyOf(downstream);
    }

    public List<ToxicDefinition> of(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    /** Upstream toxics, then downstream ones: the order of Toxiproxy's listing. */
    public List<ToxicDefinition> all() {
        List<ToxicDefinition> all = new ArrayList<>(upstream);
        all.addAll(downstream);
        return all;
    }

    public ToxicDefinition find(String name) {
        for (ToxicDefinition def : all()) {
            if (def.name().equals(name)) {
                return def;
            }
        }
        return null;
    }

    /** This set with {@code def} appended to its direction's chain. */
    public ToxicSet plus(ToxicDefinition def) {
        List<ToxicDefinition> up = new ArrayList<>(upstream);
        List<ToxicDefinition> down = new ArrayList<>(downstream);
        (def.stream() == Direction.UPSTREAM ? up : down).add(def);
        return new ToxicSet(up, down);
    }

    /** This set with the toxic named like {@code def} replaced in place. */
    public ToxicSet replacing(ToxicDefinition def) {
        return new ToxicSet(replace(upstream, def), replace(downstream, def));
    }

    /** This set without the toxic called {@code name}. */
    public ToxicSet minus(String name) {
        List<ToxicDefinition> up = new ArrayList<>(upstream);
        List<ToxicDefinition> down = new ArrayList<>(downstream);
        up.removeIf(d -> d.name().equals(name));
        down.removeIf(d -> d.name().equals(name));
        return new ToxicSet(up, down);
    }

    private static List<ToxicDefinition> replace(List<ToxicDefinition> chain, ToxicDefinition def) {
        List<ToxicDefinition> out = new ArrayList<>(chain.size());
        for (ToxicDefinition d : chain) {
            out.add(d.name().equals(def.name()) ? def : d);
        }
        return out;
    }
}
