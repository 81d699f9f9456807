package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.GetDatabaseRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code get NAME}: one database's settings and edge connection string (never the origin password). */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one database.")
public final class GetCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Override
  void run(ManagedChannel placement, PrintWriter out) {
    DatabaseText.details(PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .getDatabase(GetDatabaseRequest.newBuilder().setName(name).build()), out);
  }
}
