package dev.hyperdrive.placement;

import dev.hyperdrive.placement.store.DatabaseStore;
import dev.hyperdrive.placement.store.FileDatabaseStore;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The placement service process: the registry over its store, the control, edge and endpoint
 * directory services on one gRPC server, and the placement schedule.
 */
public final class PlacementServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlacementServer.class);

  private final Server server;
  private final DatabaseStore store;
  private final SiteChannels channels;
  private final PlacementRunner runner;

  private PlacementServer(Server server, DatabaseStore store, SiteChannels channels, PlacementRunner runner) {
    this.server = server;
    this.store = store;
    this.channels = channels;
    this.runner = runner;
  }

  /** Production: a Netty server on the configured address, the file store, Netty channels to sites. */
  public static PlacementServer start(PlacementConfig config) {
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress(config.listenHost(), config.listenPort()))
        // Edge watches are long-lived and mostly idle: keepalive notices an edge that vanished.
        .keepAliveTime(60, TimeUnit.SECONDS)
        // Edges and the CLI ping at most every 30 s; allow it rather than GOAWAY them.
        .permitKeepAliveTime(30, TimeUnit.SECONDS);
    return start(builder, config, FileDatabaseStore.open(config.dataDir()), new NettySiteChannels());
  }

  /** Takes ownership of {@code store} and {@code channels}: {@link #close()} closes them. */
  public static PlacementServer start(ServerBuilder<?> builder, PlacementConfig config, DatabaseStore store,
      SiteChannels channels) {
    Clock clock = Clock.systemUTC();
    Registry registry = new Registry(store, clock);
    PlacementSettings settings = config.placement();
    OriginValidator validator = new OriginValidator(config.sites(), channels, settings.connectTimeout());
    PlacementRunner runner = new PlacementRunner(registry, config.sites(), channels, settings, clock);
    Server server = builder
        .addService(new PlacementControlService(registry, validator, runner,
            new EdgeCredentialsIssuer(config.edgeAddress())))
        .addService(new EdgeDirectoryService(registry))
        .addService(new EndpointDirectoryService(registry))
        .build();
    try {
      server.start();
    } catch (IOException e) {
      runner.close();
      channels.close();
      store.close();
      throw new UncheckedIOException("cannot listen on " + config.listenHost() + ":" + config.listenPort(), e);
    }
    runner.startSchedule();
    log.info("placement listening on port {} with {} site(s)", server.getPort(), config.sites().size());
    return new PlacementServer(server, store, channels, runner);
  }

  /** The bound port (-1 for in-process servers). */
  public int port() {
    return server.getPort();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops accepting calls, lets calls under way finish for a few seconds, then releases the store. */
  @Override
  public void close() {
    runner.close();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    channels.close();
    store.close();
  }
}
