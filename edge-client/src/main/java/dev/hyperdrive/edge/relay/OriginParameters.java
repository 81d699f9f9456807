package dev.hyperdrive.edge.relay;

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
 * the values are not known yet.
 */
public final class OriginParameters {
  private static final Logger log = LoggerFactory.getLogger(OriginParameters.class);
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final Function<String, Optional<EndpointChannel>> endpointForDatabase;
  private final ScheduledExecutorService scheduler;
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
    this.endpointForDatabase = endpointForDatabase;
    this.scheduler = scheduler;
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
                future.complete(List.copyOf(reply.getParametersList()));
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
