package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;

/**
 * {@code half_open}: a Wi-Fi drop as the device and the broker see it. While it applies, everything
 * arriving from either side is silently discarded (on whichever stream it is added, both directions
 * go silent) and both sockets stay open, so each side notices only through its own keepalive. An
 * end of stream reaching it is discarded too: a FIN is lost like any other segment. No attributes.
 *
 * <p>Removal lets traffic through again; what was discarded stays lost, so the MQTT session on a
 * connection that lost bytes mid-packet is usually beyond repair, as after a real outage.
 */
public record HalfOpenToxic() implements Toxic {

    @Override
    public ToxicStage start(ToxicContext context) {
        context.blackhole(true);
        return new ToxicStage() {
            private boolean on = true;

            @Override
            public void accept(Chunk chunk) {
                context.drop(chunk);
            }

            @Override
            public void drain() {
                off();
            }

            @Override
            public void discard() {
                off();
            }

            private void off() {
                if (on) {
                    on = false;
                    context.blackhole(false);
                }
            }
        };
    }
}
