package dev.faultlab.cli;

import dev.faultlab.proxy.net.HostPort;
import picocli.CommandLine;

/** Reads a {@code host:port} option; a bad one is a usage error naming the option's value. */
final class AddressConverter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + " (expected host:port)");
        }
    }
}
