package dev.hyperdrive.placement.cli;

import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code placement show NAME [--wait]}: the ranking table, following a run under way with --wait. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show where a database's pool runs: every endpoint site with its average connection set-up "
        + "time to the origin, the chosen site marked *, when it was measured, and any run under way.")
public final class PlacementShowCommand extends ControlPlaneCommand {

  static final long POLL_MILLIS = 250;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--wait", description = "If a run is under way, print its progress until it ends.")
  boolean waitForRun;

  @Override
  void run(ManagedChannel placement, PrintWriter out) throws InterruptedException {
    PlacementStatus status = follow(placement, name, waitForRun, out);
    PlacementTable.print(status, Instant.now(), out);
  }

  /** The current status; with {@code waitForRun}, the status once no run is under way. */
  static PlacementStatus follow(ManagedChannel placement, String name, boolean waitForRun, PrintWriter out)
      throws InterruptedException {
    PlacementControlGrpc.PlacementControlBlockingStub control = PlacementControlGrpc.newBlockingStub(placement);
    GetPlacementRequest request = GetPlacementRequest.newBuilder().setDatabase(name).build();
    PlacementStatus status = control.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).getPlacement(request);
    int sitesReported = -1;
    while (waitForRun && status.hasRun()) {
      if (status.getRun().getSitesDoneCount() != sitesReported) {
        sitesReported = status.getRun().getSitesDoneCount();
        out.println(PlacementTable.progress(status.getRun(), Instant.now()));
        out.flush();
      }
      Thread.sleep(POLL_MILLIS);
      status = control.withDeadlineAfter(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).getPlacement(request);
    }
    return status;
  }
}
