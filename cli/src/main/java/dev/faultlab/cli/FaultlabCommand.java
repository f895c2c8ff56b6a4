package dev.faultlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultlab}: the MQTT-aware fault-injection proxy and lab. */
@Command(name = "faultlab",
        mixinStandardHelpOptions = true,
        versionProvider = FaultlabCommand.VersionProvider.class,
        description = "MQTT-aware network fault-injection proxy and lab, compatible with Toxiproxy's API.",
        subcommands = {ServeCommand.class, UpCommand.class, LabCommand.class, DevicesCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class FaultlabCommand {

    /**
     * Logback's configuration has its own name because HiveMQ's jar ships a {@code logback.xml},
     * and two of those on the classpath make logback print its whole status report at startup.
     */
    private static final String LOGBACK_CONFIGURATION = "faultlab-logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to parse or execute; also the entry tests use. */
    static CommandLine commandLine() {
        return new CommandLine(new FaultlabCommand())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println("faultlab " + command.getCommandName() + ": " + error.getMessage());
                    return 1;
                });
    }

    /** Reports the build's version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"faultlab " + Version.current()};
        }
    }
}
