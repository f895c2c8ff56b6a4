package dev.faultlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that runs a proxy server shares ({@code serve}, {@code up}). */
final class ProxyOptions {
    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "seed of every random choice the toxics make (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "append every event to FILE as JSON lines")
    Path journal;

    @Option(names = "--capture", paramLabel = "DIR",
            description = "write a pcap file of every connection to DIR (created if missing)")
    Path capture;
}
