package dev.faultlab.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.util.random.RandomGenerator;

/**
 * Writes a byte stream in random pieces, each its own write and flush on a socket with Nagle off,
 * so the receiving side sees packets split and merged at arbitrary places: mostly tiny pieces (a
 * fixed header alone, a length byte cut in two), some of a few segments, some large.
 */
final class Fragments {
    private Fragments() {
    }

    static void write(OutputStream out, byte[] data, RandomGenerator random) throws IOException {
        int index = 0;
        while (index < data.length) {
            int piece = Math.min(data.length - index, pieceSize(random));
            out.write(data, index, piece);
            out.flush();
            index += piece;
        }
    }

    private static int pieceSize(RandomGenerator random) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return 1 + random.nextInt(8);
        }
        if (kind < 8) {
            return 1 + random.nextInt(3_000);
        }
        return 1 + random.nextInt(128 * 1024);
    }
}
