package dev.faultlab.proxy.toxic.mqtt;

import dev.faultlab.proxy.toxic.Attributes;
import dev.faultlab.proxy.toxic.Chunk;
import dev.faultlab.proxy.toxic.Toxic;
import dev.faultlab.proxy.toxic.ToxicContext;
import dev.faultlab.proxy.toxic.ToxicStage;

/**
 * {@code zero_window}: the proxy stops reading the stream's source (upstream: the client's socket,
 * downstream: the broker's) after shrinking that socket's receive buffer to {@code rcvbuf} bytes
 * (default 0: left as it is). The sender's TCP window closes and its writes stall, as
 * with a peer whose stack is full. Works on plain TCP too.
 *
 * <p>What was read before passes on. Removal restores the receive buffer and reads again: nothing is
 * lost. An attribute update keeps the source paused throughout. A buffer shrunk below the window
 * already advertised makes the kernel drop segments that no longer fit; the sender retransmits them
 * with its backoff, so it may resume only at its next retransmission after a long stall.
 */
public record ZeroWindowToxic(Integer rcvbuf) implements Toxic {

    public ZeroWindowToxic {
        rcvbuf = rcvbuf == null ? 0 : rcvbuf;
    }

    @Override
    public void validate() {
        Attributes.requireNonNegative("rcvbuf", rcvbuf);
    }

    @Override
    public ToxicStage start(ToxicContext context) {
        context.pauseSource(rcvbuf);
        return new ToxicStage() {
            private boolean paused = true;

            @Override
            public void accept(Chunk chunk) {
                context.forward(chunk);
            }

            @Override
            public void drain() {
                resume();
            }

            @Override
            public void discard() {
                resume();
            }

            private void resume() {
                if (paused) {
                    paused = false;
                    context.resumeSource();
                }
            }
        };
    }
}
