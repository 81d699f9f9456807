package dev.hyperdrive.edge.relay;

import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.proto.relay.CatalogFunction;
import dev.hyperdrive.proto.relay.DescribeOriginReply;
import dev.hyperdrive.proto.relay.DescribeOriginRequest;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.proto.relay.RelayGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each database's origin reports at connection start (its ParameterStatus set), learned once
 * through {@code DescribeOrigin} in the background at start-up and retried with backoff until an
 * endpoint answers, so driver handshakes are answered locally and only ever wait on the network when
 * the values are not known yet. The same reply brings the origin's function catalog, which is asked for
 * again every {@link #CATALOG_REFRESH} so functions created later are judged by their volatility too.
 */
public final class OriginParameters {
  private static final Logger log = LoggerFactory.getLogger(OriginParameters.class);
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);
  /** How often the origin's function catalog is asked for again (the endpoint re-reads it as often). */
  public static final Duration CATALOG_REFRESH = Duration.ofSeconds(60);

  private final Function<String, Optional<EndpointChannel>> endpointForDatabase;
  private final ScheduledExecutorService scheduler;
  private final BiConsumer<String, List<FunctionRow>> functionsLearned;
  private final Map<String, CompletableFuture<List<Parameter>>> byDatabase = new ConcurrentHashMap<>();
  // The endpoint that last answered NOT_FOUND for a database, so a driver is told why it cannot connect.
  private final Map<String, String> notServedBy = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param endpointForDatabase picks the endpoint to ask for a database (re-evaluated on each retry,
   *     so a failing endpoint is skipped when a healthy one is configured); empty when the edge no
   *     longer serves the database
   */
  public OriginParameters(Function<String, Optional<EndpointChannel>> endpointForDatabase,
      ScheduledExecutorService scheduler) {
    this(endpointForDatabase, scheduler, (database, functions) -> { });
  }

  /** @param functionsLearned hears each database's origin function catalog whenever an endpoint sends it */
  public OriginParameters(Function<String, Optional<EndpointChannel>> endpointForDatabase,
      ScheduledExecutorService scheduler, BiConsumer<String, List<FunctionRow>> functionsLearned) {
    this.endpointForDatabase = endpointForDatabase;
    this.scheduler = scheduler;
    this.functionsLearned = functionsLearned;
  }

  /** Starts fetching every database's parameters now. */
  public void prefetch(Iterable<String> databases) {
    for (String database : databases) {
      parameters(database);
    }
  }

  /** The origin's parameters for a database; already complete once known. */
  public CompletableFuture<List<Parameter>> parameters(String database) {
    return byDatabase.computeIfAbsent(database, name -> {
      CompletableFuture<List<Parameter>> future = new CompletableFuture<>();
      fetch(name, future, FIRST_RETRY);
      return future;
    });
  }

  /**
   * The endpoint whose last answer for {@code database} was NOT_FOUND (it does not serve the database,
   * or not yet: an endpoint learns databases created through placement within seconds); empty otherwise.
   */
  public Optional<String> notServedBy(String database) {
    return Optional.ofNullable(notServedBy.get(database));
  }

  public void close() {
    closed = true;
  }

  private void fetch(String database, CompletableFuture<List<Parameter>> future, Duration nextDelay) {
    if (closed) {
      return;
    }
    Optional<EndpointChannel> chosen = endpointForDatabase.apply(database);
    if (chosen.isEmpty()) {
      // Removed (placement deleted it): forget it, so a database created again under the name is asked anew.
      byDatabase.remove(database, future);
      notServedBy.remove(database);
      future.completeExceptionally(new IllegalStateException("database " + database + " is no longer served"));
      return;
    }
    EndpointChannel endpoint = chosen.get();
    RelayGrpc.newStub(endpoint.channel())
        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .describeOrigin(DescribeOriginRequest.newBuilder().setDatabase(database).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(DescribeOriginReply reply) {
                log.info("database {}: origin parameters learned from endpoint {}", database, endpoint.name());
                notServedBy.remove(database);
                // Before the parameters complete, so no driver session of the database starts without it.
                learnFunctions(database, reply);
                future.complete(List.copyOf(reply.getParametersList()));
                scheduleCatalogRefresh(database);
              }

              @Override
              public void onError(Throwable error) {
                if (Status.fromThrowable(error).getCode() == Status.Code.NOT_FOUND) {
                  notServedBy.put(database, endpoint.name());
                } else {
                  notServedBy.remove(database);
                }
                log.warn("database {}: DescribeOrigin on endpoint {} failed ({}); retrying in {} ms",
                    database, endpoint.name(), error.getMessage(), nextDelay.toMillis());
                retryLater(database, future, nextDelay);
              }

              @Override
              public void onCompleted() {}
            });
  }

  private void learnFunctions(String database, DescribeOriginReply reply) {
    if (reply.getFunctionsKnown()) {
      List<FunctionRow> rows = reply.getFunctionsList().stream().map(OriginParameters::row).toList();
      functionsLearned.accept(database, rows);
    }
  }

  private static FunctionRow row(CatalogFunction function) {
    return FunctionRow.of(function.getSchema(), function.getName(), function.getProvolatile().charAt(0));
  }

  /** Asks again for the database's function catalog a while from now, and after that, forever. */
  private void scheduleCatalogRefresh(String database) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(() -> refreshCatalog(database), CATALOG_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      log.debug("database {}: no more catalog refreshes, the edge is shutting down", database);
    }
  }

  private void refreshCatalog(String database) {
    Optional<EndpointChannel> chosen = closed ? Optional.empty() : endpointForDatabase.apply(database);
    if (chosen.isEmpty()) {
      return;
    }
    RelayGrpc.newStub(chosen.get().channel())
        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .describeOrigin(DescribeOriginRequest.newBuilder().setDatabase(database).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(DescribeOriginReply reply) {
                learnFunctions(database, reply);
              }

              @Override
              public void onError(Throwable error) {
                log.debug("database {}: catalog refresh failed ({}); the last catalog stays", database, error.getMessage());
                scheduleCatalogRefresh(database);
              }

              @Override
              public void onCompleted() {
                scheduleCatalogRefresh(database);
              }
            });
  }

  private void retryLater(String database, CompletableFuture<List<Parameter>> future, Duration delay) {
    if (closed) {
      return;
    }
    Duration following = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
    try {
      scheduler.schedule(() -> fetch(database, future, following), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      log.debug("database {}: not retrying DescribeOrigin, the edge is shutting down", database);
    }
  }
}
