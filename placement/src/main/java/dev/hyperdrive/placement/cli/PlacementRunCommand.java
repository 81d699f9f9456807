package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.RunPlacementRequest;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code placement run NAME [--wait]}: measure every site again now. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start a placement run now (or join the one under way).")
public final class PlacementRunCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--wait", description = "Follow the run and print the new ranking when it ends.")
  boolean waitForRun;

  @Override
  void run(ManagedChannel placement, PrintWriter out) throws InterruptedException {
    PlacementStatus started = PlacementControlGrpc.newBlockingStub(placement)
        .withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .runPlacement(RunPlacementRequest.newBuilder().setDatabase(name).build());
    if (!waitForRun) {
      out.println(PlacementTable.progress(started.getRun(), Instant.now()));
      return;
    }
    PlacementTable.print(PlacementShowCommand.follow(placement, name, true, out), Instant.now(), out);
  }
}
