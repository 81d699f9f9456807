package dev.hyperdrive.deploy;

import dev.hyperdrive.placement.cli.CreateCommand;
import dev.hyperdrive.placement.cli.DeleteCommand;
import dev.hyperdrive.placement.cli.GetCommand;
import dev.hyperdrive.placement.cli.ListCommand;
import dev.hyperdrive.placement.cli.PlacementCommand;
import dev.hyperdrive.placement.cli.UpdateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point for every hyperdrive process: the services ({@code edge}, {@code endpoint},
 * {@code placement --config}), the control-plane CLI ({@code create}, {@code list}, {@code get},
 * {@code update}, {@code delete}, {@code placement show|run}) and the local {@code demo}. Exit codes: 0 success, 2 bad command line, 1 failure at run time (a bad
 * configuration file prints only its {@link dev.hyperdrive.config.ConfigException} message).
 * Standard output carries only results meant for scripts (URLs); logs go to standard error.
 */
@Command(
        name = "hyperdrive",
        description = "Split-connection PostgreSQL accelerator: runs the services and the local demo.",
        mixinStandardHelpOptions = true,
        versionProvider = LauncherVersion.class,
        subcommands = {
            EdgeCommand.class, EndpointCommand.class, PlacementCommand.class,
            CreateCommand.class, ListCommand.class, GetCommand.class, UpdateCommand.class, DeleteCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class})
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
