package dev.faultlab.proxy.toxic;

/**
 * A toxic as it is configured on a proxy: its name, Toxiproxy type name, direction, toxicity
 * (probability, rolled once per connection and direction) and attributes.
 */
public record ToxicDefinition(String name, String type, Direction stream, double toxicity, Toxic toxic) {

    public ToxicDefinition {
        if (name == null || type == null || stream == null || toxic == null) {
            throw new IllegalArgumentException("incomplete toxic definition");
        }
    }

    public ToxicDefinition withToxicity(double newToxicity) {
        return new ToxicDefinition(name, type, stream, newToxicity, toxic);
    }

    public ToxicDefinition withToxic(Toxic newToxic) {
        return new ToxicDefinition(name, type, stream, toxicity, newToxic);
    }
}
