import dev.hyperdrive.config.ConfigException;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Bench-only stand-in for {@code deploy/hyperdrive edge|endpoint --config FILE} while the launcher does
 * not have those subcommands yet: starts one service from its YAML file, prints {@code KIND port: N} on
 * stdout and runs until SIGTERM/SIGINT. {@code check-edge KIND FILE} only loads an edge file (exit 0 if
 * it is valid, else prints the error and exits 1): the benchmarks use it to learn which keys exist.
 * Run with Java's single-file source launcher; never shipped.
 */
public final class ServeNode {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ServeNode edge|endpoint|check-edge CONFIG.yaml");
      System.exit(2);
    }
    Path file = Path.of(args[1]);
    AutoCloseable server;
    int port;
    switch (args[0]) {
      case "check-edge" -> {
        try {
          EdgeConfig.load(file);
          System.exit(0);
        } catch (ConfigException e) {
          System.out.println(e.getMessage());
          System.exit(1);
        }
        return;
      }
      case "edge" -> {
        EdgeServer edge = EdgeServer.start(EdgeConfig.load(file));
        server = edge;
        port = edge.port();
      }
      case "endpoint" -> {
        EndpointServer endpoint = EndpointServer.start(EndpointConfig.load(file));
        server = endpoint;
        port = endpoint.port();
      }
      default -> throw new IllegalArgumentException("unknown service " + args[0]);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
      stopped.countDown();
    }));
    System.out.println(args[0] + " port: " + port);
    System.out.flush();
    stopped.await();
  }
}
