package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.Database;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.UpdateDatabaseRequest;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code update NAME [--connection-string URL] [options]}: change only what is given. */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change a database. Only the options given change; a new connection string is validated "
        + "first and starts a new placement run. The edge connection string stays the same.")
public final class UpdateCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--connection-string", paramLabel = "URL", description = "A new origin (validated first).")
  String connectionString;

  @Mixin DatabaseOptionsMixin options;

  @Override
  void run(ManagedChannel placement, PrintWriter out) {
    UpdateDatabaseRequest.Builder request = UpdateDatabaseRequest.newBuilder()
        .setName(name)
        .setOptions(options.toProto());
    if (connectionString != null) {
      request.setOrigin(OriginConnectionStringOption.parse(spec, connectionString));
    }
    Database updated = PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .updateDatabase(request.build());
    out.printf("Updated database %s.%n", name);
    DatabaseText.details(updated, out);
  }
}
