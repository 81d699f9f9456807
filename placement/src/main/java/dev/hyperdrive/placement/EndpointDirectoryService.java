package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.EndpointDirectoryGrpc;
import dev.hyperdrive.proto.placement.GetOriginsRequest;
import dev.hyperdrive.proto.placement.OriginCatalog;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Origin settings, passwords included, for endpoint sites (placement.proto {@code EndpointDirectory}).
 * The only place an origin password leaves placement: deployments must serve it to endpoint sites
 * alone (mutual TLS with the sites' certificates).
 */
public final class EndpointDirectoryService extends EndpointDirectoryGrpc.EndpointDirectoryImplBase {

  private static final Logger log = LoggerFactory.getLogger(EndpointDirectoryService.class);

  private final Registry registry;

  public EndpointDirectoryService(Registry registry) {
    this.registry = registry;
  }

  @Override
  public void getOrigins(GetOriginsRequest request, StreamObserver<OriginCatalog> reply) {
    OriginCatalog.Builder catalog = OriginCatalog.newBuilder().setVersion(registry.version());
    registry.list().forEach(database -> catalog.addDatabases(DatabaseViews.endpoint(database)));
    log.debug("endpoint site {} fetched origin settings of {} database(s)", request.getEndpointSite(),
        catalog.getDatabasesCount());
    reply.onNext(catalog.build());
    reply.onCompleted();
  }
}
