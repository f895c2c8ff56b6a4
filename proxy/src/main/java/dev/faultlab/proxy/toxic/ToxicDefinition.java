package dev.faultlab.proxy.toxic;

/**
 * A toxic as it is configured on a proxy: its name, Toxiproxy type name, direction, toxicity
 * (probability, rolled once per connection and direction), attributes, scope (which connections,
 * when) and the time it was created ({@link System#nanoTime()}), from which the scope's
 * {@code after} counts.
 */
public record ToxicDefinition(String name, String type, Direction stream, double toxicity, Toxic toxic,
                              ToxicScope scope, long createdAt) {

    public ToxicDefinition {
        if (name == null || type == null || stream == null || toxic == null || scope == null) {
            throw new IllegalArgumentException("incomplete toxic definition");
        }
    }

    /** A toxic for every connection, created now. */
    public ToxicDefinition(String name, String type, Direction stream, double toxicity, Toxic toxic) {
        this(name, type, stream, toxicity, toxic, ToxicScope.ALL, System.nanoTime());
    }

    public ToxicDefinition withToxicity(double newToxicity) {
        return new ToxicDefinition(name, type, stream, newToxicity, toxic, scope, createdAt);
    }

    public ToxicDefinition withToxic(Toxic newToxic) {
        return new ToxicDefinition(name, type, stream, toxicity, newToxic, scope, createdAt);
    }

    public ToxicDefinition withScope(ToxicScope newScope) {
        return new ToxicDefinition(name, type, stream, toxicity, toxic, newScope, createdAt);
    }

    /** When the toxic starts applying ({@link System#nanoTime()} scale). */
    public long startsAt() {
        return createdAt + scope.after() * 1_000_000L;
    }
}
