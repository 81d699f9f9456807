package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.CreateDatabaseReply;
import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.Database;
import dev.hyperdrive.proto.placement.DeleteDatabaseReply;
import dev.hyperdrive.proto.placement.DeleteDatabaseRequest;
import dev.hyperdrive.proto.placement.GetDatabaseRequest;
import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.ListDatabasesReply;
import dev.hyperdrive.proto.placement.ListDatabasesRequest;
import dev.hyperdrive.proto.placement.PlacementControlGrpc;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.RunPlacementRequest;
import dev.hyperdrive.proto.placement.StoredDatabase;
import dev.hyperdrive.proto.placement.UpdateDatabaseRequest;
import dev.hyperdrive.proto.probe.OriginSettings;
import dev.hyperdrive.proto.probe.ValidateOriginReply;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' API (placement.proto {@code PlacementControl}): databases are validated before they
 * are saved, saved before they are placed, and placed in the background. Handlers block (the
 * validation waits for a site's probe); gRPC runs them on its own executor.
 */
public final class PlacementControlService extends PlacementControlGrpc.PlacementControlImplBase {

  private static final Logger log = LoggerFactory.getLogger(PlacementControlService.class);

  private final Registry registry;
  private final OriginValidator validator;
  private final PlacementRunner runner;
  private final EdgeCredentialsIssuer credentials;

  public PlacementControlService(Registry registry, OriginValidator validator, PlacementRunner runner,
      EdgeCredentialsIssuer credentials) {
    this.registry = registry;
    this.validator = validator;
    this.runner = runner;
    this.credentials = credentials;
  }

  @Override
  public void createDatabase(CreateDatabaseRequest request, StreamObserver<CreateDatabaseReply> reply) {
    respond(reply, () -> {
      String name = validName(request.getName());
      if (registry.get(name).isPresent()) {
        throw alreadyExists(name);
      }
      OriginSettings origin = OriginSettingsCheck.complete(request.getOrigin());
      StoredDatabase database = StoredDatabase.newBuilder()
          .setName(name)
          .setOrigin(origin)
          .setCaching(DatabaseOptionsResolver.caching(DatabaseOptionsResolver.DEFAULT_CACHING, request.getOptions()))
          .setPool(DatabaseOptionsResolver.pool(DatabaseOptionsResolver.DEFAULT_POOL, request.getOptions()))
          .setEdgeCredentials(credentials.issue(name, origin.getUser()))
          .build();
      ValidateOriginReply validation = validator.validate(origin);
      if (!registry.create(database)) {
        throw alreadyExists(name);
      }
      log.info("database {} created (origin {}:{} validated from site {})", name, origin.getHost(),
          OriginDefaults.port(origin), validation.getSite());
      runner.start(name, "create");
      return CreateDatabaseReply.newBuilder()
          .setDatabase(DatabaseViews.control(registry.get(name).orElseThrow()))
          .setValidatedFromSite(validation.getSite())
          .setValidationSetupMicros(validation.getAttempt().getSetupMicros())
          .setServerVersion(validation.getServerVersion())
          .build();
    });
  }

  @Override
  public void getDatabase(GetDatabaseRequest request, StreamObserver<Database> reply) {
    respond(reply, () -> DatabaseViews.control(existing(request.getName())));
  }

  @Override
  public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesReply> reply) {
    respond(reply, () -> {
      ListDatabasesReply.Builder list = ListDatabasesReply.newBuilder();
      registry.list().forEach(database -> list.addDatabases(DatabaseViews.control(database)));
      return list.build();
    });
  }

  @Override
  public void updateDatabase(UpdateDatabaseRequest request, StreamObserver<Database> reply) {
    respond(reply, () -> {
      String name = request.getName();
      existing(name);
      Optional<OriginSettings> newOrigin = request.hasOrigin()
          ? Optional.of(OriginSettingsCheck.complete(request.getOrigin()))
          : Optional.empty();
      newOrigin.ifPresent(validator::validate);
      StoredDatabase updated = registry.update(name, database -> {
        database.setCaching(DatabaseOptionsResolver.caching(database.getCaching(), request.getOptions()));
        database.setPool(DatabaseOptionsResolver.pool(database.getPool(), request.getOptions()));
        newOrigin.ifPresent(origin -> database.setOrigin(origin)
            .setOriginRevision(database.getOriginRevision() + 1)
            // The ranking measured the old origin.
            .clearRanking());
        return database;
      }).orElseThrow(() -> notFound(name));
      log.info("database {} updated{}", name, newOrigin.isPresent() ? " (new origin)" : "");
      if (newOrigin.isPresent()) {
        runner.start(name, "update");
      }
      return DatabaseViews.control(updated);
    });
  }

  @Override
  public void deleteDatabase(DeleteDatabaseRequest request, StreamObserver<DeleteDatabaseReply> reply) {
    respond(reply, () -> {
      if (!registry.delete(request.getName())) {
        throw notFound(request.getName());
      }
      log.info("database {} deleted", request.getName());
      return DeleteDatabaseReply.getDefaultInstance();
    });
  }

  @Override
  public void runPlacement(RunPlacementRequest request, StreamObserver<PlacementStatus> reply) {
    respond(reply, () -> {
      String name = request.getDatabase();
      runner.start(name, "on demand").orElseThrow(() -> notFound(name));
      return status(name);
    });
  }

  @Override
  public void getPlacement(GetPlacementRequest request, StreamObserver<PlacementStatus> reply) {
    respond(reply, () -> status(request.getDatabase()));
  }

  private PlacementStatus status(String name) {
    StoredDatabase database = existing(name);
    PlacementStatus.Builder status = PlacementStatus.newBuilder().setDatabase(name);
    if (database.hasRanking()) {
      status.setRanking(database.getRanking());
    }
    runner.progress(name).ifPresent(status::setRun);
    return status.build();
  }

  private StoredDatabase existing(String name) {
    return registry.get(name).orElseThrow(() -> notFound(name));
  }

  private static String validName(String name) {
    if (!DatabaseName.isValid(name)) {
      throw Status.INVALID_ARGUMENT.withDescription(DatabaseName.problem(name)).asRuntimeException();
    }
    return name;
  }

  private static StatusRuntimeException notFound(String name) {
    return Status.NOT_FOUND.withDescription("no database named '" + name + "'").asRuntimeException();
  }

  private static StatusRuntimeException alreadyExists(String name) {
    return Status.ALREADY_EXISTS
        .withDescription("a database named '" + name + "' exists; use update to change it, or delete it first")
        .asRuntimeException();
  }

  /** Completes the call with the value, or with the status an expected failure carries. */
  private static <T> void respond(StreamObserver<T> reply, Supplier<T> handler) {
    T value;
    try {
      value = handler.get();
    } catch (StatusRuntimeException e) {
      reply.onError(e);
      return;
    } catch (RuntimeException e) {
      log.error("control call failed", e);
      reply.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      return;
    }
    reply.onNext(value);
    reply.onCompleted();
  }
}
