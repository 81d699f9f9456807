package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.EdgeCatalog;
import dev.hyperdrive.proto.placement.EdgeDirectoryGrpc;
import dev.hyperdrive.proto.placement.GetCatalogRequest;
import dev.hyperdrive.proto.placement.WatchDatabasesRequest;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What edges learn from placement (placement.proto {@code EdgeDirectory}): each database's edge
 * credentials, caching settings and ranked sites, never origin settings. A watch sends the whole
 * catalog at once and again after every change; a slow edge gets only the latest catalog when it
 * can take one (catalogs replace each other, so skipping intermediate ones loses nothing).
 */
public final class EdgeDirectoryService extends EdgeDirectoryGrpc.EdgeDirectoryImplBase {

  private static final Logger log = LoggerFactory.getLogger(EdgeDirectoryService.class);

  private final Registry registry;

  public EdgeDirectoryService(Registry registry) {
    this.registry = registry;
  }

  @Override
  public void getCatalog(GetCatalogRequest request, StreamObserver<EdgeCatalog> reply) {
    reply.onNext(catalog());
    reply.onCompleted();
  }

  @Override
  public void watchDatabases(WatchDatabasesRequest request, StreamObserver<EdgeCatalog> reply) {
    ServerCallStreamObserver<EdgeCatalog> call = (ServerCallStreamObserver<EdgeCatalog>) reply;
    LatestValueSender<EdgeCatalog> sender = new LatestValueSender<>(call, this::catalog);
    Runnable unsubscribe = registry.subscribe(sender::changed);
    call.setOnCancelHandler(() -> {
      unsubscribe.run();
      log.info("edge {} stopped watching", request.getEdgeSite());
    });
    call.setOnReadyHandler(sender::ready);
    log.info("edge {} watches the catalog", request.getEdgeSite());
    sender.changed();
  }

  private EdgeCatalog catalog() {
    // Read the version first: a change racing with this read then shows up as a newer version.
    EdgeCatalog.Builder catalog = EdgeCatalog.newBuilder().setVersion(registry.version());
    registry.list().forEach(database -> catalog.addDatabases(DatabaseViews.edge(database)));
    return catalog.build();
  }
}
