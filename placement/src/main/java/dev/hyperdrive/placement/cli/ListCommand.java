package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/** {@code list}: every database, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered databases.")
public final class ListCommand extends ControlPlaneCommand {

  @Override
  void run(ManagedChannel placement, PrintWriter out) {
    DatabaseText.table(PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .listDatabases(ListDatabasesRequest.getDefaultInstance())
        .getDatabasesList(), out);
  }
}
