package dev.hyperdrive.placement.cli;

import dev.hyperdrive.placement.PlacementConfigFile;
import dev.hyperdrive.placement.PlacementServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code placement --config FILE} runs the placement service until the process is stopped;
 * {@code placement show|run NAME} are the ranking subcommands of the control-plane CLI.
 */
@Command(name = "placement", mixinStandardHelpOptions = true,
    description = "Run the placement service (--config FILE), or show and run placement of a database.",
    subcommands = {PlacementShowCommand.class, PlacementRunCommand.class})
public final class PlacementCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "placement.yaml: run the service with it.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    if (config == null) {
      spec.commandLine().usage(spec.commandLine().getErr());
      return 2;
    }
    PlacementServer server = PlacementServer.start(PlacementConfigFile.load(config));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "placement-shutdown"));
    server.awaitTermination();
    return 0;
  }
}
