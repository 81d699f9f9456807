package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.DeleteDatabaseRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Remove a database: edges stop accepting connections for it once they see the change.")
public final class DeleteCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  void run(ManagedChannel placement, PrintWriter out) {
    PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .deleteDatabase(DeleteDatabaseRequest.newBuilder().setName(name).build());
    out.printf("Deleted database %s.%n", name);
  }
}
