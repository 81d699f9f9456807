package dev.hyperdrive.deploy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point for every hyperdrive process: {@code hyperdrive demo} now, the edge and endpoint
 * services as they land. Exit codes: 0 success, 2 bad command line, 1 failure at run time (a bad
 * configuration file prints only its {@link dev.hyperdrive.config.ConfigException} message).
 * Standard output carries only results meant for scripts (URLs); logs go to standard error.
 */
@Command(
        name = "hyperdrive",
        description = "Split-connection PostgreSQL accelerator: runs the services and the local demo.",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
public final class Launcher {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it directly. */
    public static CommandLine commandLine() {
        return new CommandLine(new Launcher())
                .setExecutionExceptionHandler(new FailureReporter());
    }
}
