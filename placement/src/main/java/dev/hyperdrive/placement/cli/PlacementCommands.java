package dev.hyperdrive.placement.cli;

import picocli.CommandLine.Command;

/**
 * {@code placement show|run}: the placement subcommands of the control-plane CLI. The launcher adds
 * running the service itself ({@code placement --config FILE}).
 */
@Command(name = "placement", mixinStandardHelpOptions = true,
    description = "Where databases' pools run: show rankings, start runs.",
    subcommands = {PlacementShowCommand.class, PlacementRunCommand.class})
public final class PlacementCommands {
}
