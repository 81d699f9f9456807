package dev.hyperdrive.placement.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every control-plane CLI command shares: the {@code --placement} address, one channel for the
 * command's life, and errors from placement printed as one line (its status says what to fix),
 * ending the process with status 1.
 */
abstract class ControlPlaneCommand implements Callable<Integer> {

  /** Bound on each control call; a create waits for a site's validation probe (itself bounded). */
  static final long CALL_TIMEOUT_SECONDS = 60;

  @Spec CommandSpec spec;

  @Option(names = "--placement", paramLabel = "HOST:PORT",
      defaultValue = "${env:HYPERDRIVE_PLACEMENT:-localhost:7200}",
      description = "The placement service (default: $HYPERDRIVE_PLACEMENT, else localhost:7200).")
  String placement;

  @Override
  public final Integer call() throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forTarget(placement).usePlaintext().build();
    try {
      run(channel, out());
      return 0;
    } catch (StatusRuntimeException e) {
      err().println("error: " + CliText.describe(e, placement));
      return 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  abstract void run(ManagedChannel placement, PrintWriter out) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
