package dev.faultlab.proxy.toxic;

/** {@code noop}: passes every chunk on unchanged. No attributes. */
public record NoopToxic() implements Toxic {

    @Override
    public ToxicStage start(ToxicContext context) {
        return context::forward;
    }
}
