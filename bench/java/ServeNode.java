import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.config.ConfigException;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.edge.EdgeServer;
import dev.hyperdrive.endpoint.EndpointConfig;
import dev.hyperdrive.endpoint.EndpointServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;

/**
 * Bench-only stand-in for {@code deploy/hyperdrive edge|endpoint --config FILE} while the launcher does
 * not have those subcommands yet: starts one service from its YAML file, prints {@code KIND port: N} on
 * stdout and runs until SIGTERM/SIGINT. {@code check-edge KIND FILE} only loads an edge file (exit 0 if
 * it is valid, else prints the error and exits 1): the benchmarks use it to learn which keys exist.
 * {@code edge FILE STATS_PORT} also answers {@code GET http://127.0.0.1:STATS_PORT/cache/DATABASE} with the
 * edge's result-cache counters as JSON (bench/cache-loopback reads them; the edge has no metrics endpoint yet).
 * Run with Java's single-file source launcher; never shipped.
 */
public final class ServeNode {
  public static void main(String[] args) throws Exception {
    if (args.length != 2 && !(args.length == 3 && args[0].equals("edge"))) {
      System.err.println("usage: ServeNode edge|endpoint|check-edge CONFIG.yaml | ServeNode edge CONFIG.yaml STATS_PORT");
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
        port = edge.port();
        if (args.length == 3) {
          HttpServer stats = serveStatistics(edge, Integer.parseInt(args[2]));
          server = () -> {
            stats.stop(0);
            edge.close();
          };
        } else {
          server = edge;
        }
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

  private static HttpServer serveStatistics(EdgeServer edge, int port) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    http.createContext("/cache/", exchange -> {
      String database = exchange.getRequestURI().getPath().substring("/cache/".length());
      respond(exchange, statisticsJson(edge, database));
    });
    http.start();
    return http;
  }

  /** Every cache status's count, stale hits, background refreshes and Parse/Describe answered at the edge. */
  private static String statisticsJson(EdgeServer edge, String database) {
    StringJoiner json = new StringJoiner(", ", "{", "}");
    for (Map.Entry<CacheStatus, Long> count : edge.cacheStatistics().snapshot(database).entrySet()) {
      json.add("\"" + count.getKey().wireName() + "\": " + count.getValue());
    }
    json.add("\"stale_served\": " + edge.cacheStatistics().staleServed(database));
    json.add("\"refreshes\": " + edge.cacheStatistics().refreshes(database));
    json.add("\"statements_answered\": " + edge.statementMetadata().forDatabase(database).localAnswers());
    return json.toString();
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
