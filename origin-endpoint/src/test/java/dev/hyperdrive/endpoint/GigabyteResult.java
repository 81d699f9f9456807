package dev.hyperdrive.endpoint;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.endpoint.config.DatabaseConfig;
import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.List;

/**
 * Streams a 1 GB result through an in-process endpoint; {@link GigabyteResultIT} runs it in a JVM with
 * a 256 MB heap, so it only succeeds if memory stays bounded. Exit code 0 means every byte arrived.
 */
public final class GigabyteResult {
  static final long ROWS = 1_000_000;

  public static void main(String[] args) throws Exception {
    OriginConfig origin = OriginConfig.plain(args[0], Integer.parseInt(args[1]), args[2], args[3], args[4]);
    EndpointConfig config = new EndpointConfig("gigabyte", new HostPort("127.0.0.1", 0),
        List.of(new DatabaseConfig("appdb", origin, PoolSettings.DEFAULTS)));
    try (EndpointServer server = EndpointServer.start(config, InProcessServerBuilder.forName("gigabyte"))) {
      ManagedChannel channel = InProcessChannelBuilder.forName("gigabyte").build();
      long started = System.nanoTime();
      CountingStream stream = new CountingStream(channel, "appdb",
          "SELECT repeat('x', 1000) FROM generate_series(1, " + ROWS + ")");
      stream.readFreely();
      boolean finished = stream.awaitReady(600);
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("%d bytes in %d ms, max heap %d MB%n", stream.bytes(), millis,
          Runtime.getRuntime().maxMemory() >> 20);
      stream.close();
      channel.shutdownNow();
      System.exit(finished && stream.bytes() > ROWS * 1000 ? 0 : 1);
    }
  }
}
