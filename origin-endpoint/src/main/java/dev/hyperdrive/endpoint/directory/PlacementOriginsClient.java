package dev.hyperdrive.endpoint.directory;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.proto.placement.EndpointDirectoryGrpc;
import dev.hyperdrive.proto.placement.GetOriginsRequest;
import dev.hyperdrive.proto.placement.OriginCatalog;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls placement's {@code EndpointDirectory.GetOrigins} every {@link #POLL_INTERVAL} and hands each
 * catalog to {@link LearnedDatabases}. When placement does not answer, the endpoint keeps serving what it
 * learned last (one warning per outage). Polling rather than a watch: the catalog is small, and a
 * database created through placement becomes servable within one interval, well inside the time an
 * operator takes to copy the connection string.
 */
public final class PlacementOriginsClient implements AutoCloseable {
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(3);
  private static final Logger log = LoggerFactory.getLogger(PlacementOriginsClient.class);

  private final HostPort address;
  private final String site;
  private final LearnedDatabases learned;
  private final ManagedChannel channel;
  private final ScheduledExecutorService scheduler;
  private boolean unreachableLogged;

  private PlacementOriginsClient(HostPort address, String site, LearnedDatabases learned) {
    this.address = address;
    this.site = site;
    this.learned = learned;
    this.channel = NettyChannelBuilder.forAddress(address.host(), address.port(), InsecureChannelCredentials.create())
        .build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "placement-origins");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts polling placement at {@code address} at once, then every {@link #POLL_INTERVAL}. */
  public static PlacementOriginsClient start(HostPort address, String site, LearnedDatabases learned) {
    PlacementOriginsClient client = new PlacementOriginsClient(address, site, learned);
    client.scheduler.scheduleWithFixedDelay(client::poll, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return client;
  }

  private void poll() {
    OriginCatalog catalog;
    try {
      catalog = EndpointDirectoryGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getOrigins(GetOriginsRequest.newBuilder().setEndpointSite(site).build());
    } catch (RuntimeException failure) {
      if (!unreachableLogged) {
        unreachableLogged = true;
        Status status = Status.fromThrowable(failure);
        log.warn("placement at {} unreachable ({}: {}); serving the databases learned last until it answers",
            address, status.getCode(), status.getDescription());
      }
      return;
    }
    if (unreachableLogged) {
      unreachableLogged = false;
      log.info("placement at {} answers again", address);
    }
    try {
      // Applied whole every time (not only on a new version): a restarted placement may reuse versions,
      // and comparing a few records is cheaper than being wrong.
      learned.apply(catalog);
    } catch (RuntimeException bug) {
      // A throwing task would cancel the schedule; log and try again at the next poll.
      log.error("applying placement's origin catalog version {} failed", catalog.getVersion(), bug);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    channel.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
