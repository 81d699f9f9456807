package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.probe.OriginSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --connection-string} parsed, with mistakes reported as usage errors of the command. */
final class OriginConnectionStringOption {

  private OriginConnectionStringOption() {}

  static OriginSettings parse(CommandSpec spec, String connectionString) {
    try {
      return OriginConnectionString.parse(connectionString);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--connection-string: " + e.getMessage());
    }
  }
}
