package dev.hyperdrive.edge.routing;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.proto.placement.EdgeCatalog;
import dev.hyperdrive.proto.placement.EdgeDirectoryGrpc;
import dev.hyperdrive.proto.placement.GetCatalogRequest;
import dev.hyperdrive.proto.placement.WatchDatabasesRequest;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the edge's copy of placement's catalog current: a {@code WatchDatabases} stream delivers the
 * whole catalog at once and after every change. When the watch fails (placement down or restarting),
 * the edge keeps its last catalog and retries with backoff, each retry first a plain {@code GetCatalog}
 * (which passes proxies that cut long streams) and, once that answers, a new watch. A placement that
 * does not implement the watch is polled every {@link #POLL_INTERVAL}.
 */
public final class PlacementCatalogClient implements AutoCloseable {
  /** How often a placement without WatchDatabases is asked for its catalog. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
  private static final Duration FIRST_RETRY = Duration.ofMillis(500);
  private static final Duration MAX_RETRY = Duration.ofSeconds(10);
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(PlacementCatalogClient.class);

  private final HostPort address;
  private final String edgeSite;
  private final Consumer<EdgeCatalog> sink;
  private final ManagedChannel channel;
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch firstCatalog = new CountDownLatch(1);
  private volatile ClientCallStreamObserver<WatchDatabasesRequest> watch;
  private volatile boolean closed;
  private boolean unreachableLogged;

  private PlacementCatalogClient(HostPort address, String edgeSite, Consumer<EdgeCatalog> sink) {
    this.address = address;
    this.edgeSite = edgeSite;
    this.sink = sink;
    this.channel = NettyChannelBuilder.forAddress(address.host(), address.port(), InsecureChannelCredentials.create())
        // Placement permits a PING every 30 s; a quiet watch must not look like a dead peer to a NAT.
        .keepAliveTime(45, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "placement-catalog");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts watching placement at {@code address}; {@code sink} receives every catalog, in order. */
  public static PlacementCatalogClient start(HostPort address, String edgeSite, Consumer<EdgeCatalog> sink) {
    PlacementCatalogClient client = new PlacementCatalogClient(address, edgeSite, sink);
    client.scheduler.execute(client::watch);
    return client;
  }

  /** Waits up to {@code timeout} for the first catalog; false when placement has not answered by then. */
  public boolean awaitFirstCatalog(Duration timeout) throws InterruptedException {
    return firstCatalog.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void watch() {
    if (closed) {
      return;
    }
    EdgeDirectoryGrpc.newStub(channel).watchDatabases(
        WatchDatabasesRequest.newBuilder().setEdgeSite(edgeSite).build(),
        new ClientResponseObserver<WatchDatabasesRequest, EdgeCatalog>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<WatchDatabasesRequest> call) {
            watch = call;
          }

          @Override
          public void onNext(EdgeCatalog catalog) {
            deliver(catalog, "watch");
          }

          @Override
          public void onError(Throwable error) {
            onWatchEnded(Status.fromThrowable(error));
          }

          @Override
          public void onCompleted() {
            onWatchEnded(Status.UNAVAILABLE.withDescription("placement ended the watch"));
          }
        });
  }

  private void onWatchEnded(Status status) {
    if (closed) {
      return;
    }
    if (status.getCode() == Status.Code.UNIMPLEMENTED) {
      log.info("placement at {} has no WatchDatabases; polling its catalog every {} s", address,
          POLL_INTERVAL.toSeconds());
      schedule(() -> poll(null), Duration.ZERO);
      return;
    }
    reportUnreachable(status);
    schedule(() -> poll(FIRST_RETRY), FIRST_RETRY);
  }

  /**
   * One GetCatalog. {@code retry} null: polling mode, next poll after {@link #POLL_INTERVAL}. Otherwise
   * recovering from a failed watch: on success watch again, on failure retry after twice as long.
   */
  private void poll(Duration retry) {
    if (closed) {
      return;
    }
    try {
      EdgeCatalog catalog = EdgeDirectoryGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getCatalog(GetCatalogRequest.newBuilder().setEdgeSite(edgeSite).build());
      deliver(catalog, "poll");
      if (retry == null) {
        schedule(() -> poll(null), POLL_INTERVAL);
      } else {
        watch();
      }
    } catch (RuntimeException failure) {
      reportUnreachable(Status.fromThrowable(failure));
      Duration next = retry == null ? POLL_INTERVAL : min(retry.multipliedBy(2), MAX_RETRY);
      schedule(() -> poll(retry == null ? null : next), next);
    }
  }

  private synchronized void deliver(EdgeCatalog catalog, String how) {
    if (unreachableLogged) {
      unreachableLogged = false;
      log.info("placement at {} answers again ({})", address, how);
    }
    try {
      sink.accept(catalog);
    } catch (RuntimeException bug) {
      log.error("applying placement's catalog version {} failed", catalog.getVersion(), bug);
    }
    firstCatalog.countDown();
  }

  private synchronized void reportUnreachable(Status status) {
    if (!unreachableLogged && !closed) {
      unreachableLogged = true;
      log.warn("placement at {} unreachable ({}: {}); serving the last catalog until it answers", address,
          status.getCode(), status.getDescription());
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      log.debug("not asking placement again: the edge is closing");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    closed = true;
    ClientCallStreamObserver<WatchDatabasesRequest> call = watch;
    if (call != null) {
      call.cancel("edge closing", null);
    }
    scheduler.shutdownNow();
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
