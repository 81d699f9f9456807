package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.Ranking;
import dev.hyperdrive.proto.placement.RunProgress;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.placement.StoredDatabase;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import dev.hyperdrive.proto.probe.MeasureConnectRequest;
import dev.hyperdrive.proto.probe.ProbeGrpc;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement runs: asks every site's Probe, in parallel, for {@code samples} fresh set-ups to a
 * database's origin, ranks the sites ({@link SiteRankings}) and saves the ranking in the registry.
 * Runs start on create and origin change, on demand, and on a schedule: every database whose ranking
 * is missing or older than the interval. At most one run per database is under way; asking again
 * joins it, unless the origin changed since it started.
 */
public final class PlacementRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PlacementRunner.class);
  private static final Duration RPC_SLACK = Duration.ofSeconds(5);
  private static final Duration LONGEST_SCHEDULE_TICK = Duration.ofSeconds(30);

  private final Registry registry;
  private final List<Site> sites;
  private final SiteChannels channels;
  private final PlacementSettings settings;
  private final Clock clock;
  private final Map<String, PlacementRun> running = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "placement-schedule");
    thread.setDaemon(true);
    return thread;
  });

  public PlacementRunner(Registry registry, List<Site> sites, SiteChannels channels, PlacementSettings settings,
      Clock clock) {
    this.registry = registry;
    this.sites = List.copyOf(sites);
    this.channels = channels;
    this.settings = settings;
    this.clock = clock;
  }

  /** Checks for due runs now and then regularly (every interval, at most every 30 s). */
  public void startSchedule() {
    long tickMillis = Math.min(settings.interval().toMillis(), LONGEST_SCHEDULE_TICK.toMillis());
    scheduler.scheduleWithFixedDelay(this::startDueRuns, 0, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Starts (or joins) a run of {@code database}; empty when there is no such database. */
  public Optional<RunProgress> start(String database, String trigger) {
    return registry.get(database).map(record -> start(record, trigger).progress());
  }

  /** The progress of the run of {@code database} under way, if any. */
  public Optional<RunProgress> progress(String database) {
    return Optional.ofNullable(running.get(database)).map(PlacementRun::progress);
  }

  /** Stops the schedule; runs still under way end without saving (their probe calls get cancelled). */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }

  private PlacementRun start(StoredDatabase database, String trigger) {
    PlacementRun fresh = new PlacementRun(database.getName(), database.getOriginRevision(), clock.instant(), trigger,
        sites.size());
    PlacementRun run = running.compute(database.getName(), (name, current) ->
        current != null && current.originRevision() == database.getOriginRevision() ? current : fresh);
    if (run == fresh) {
      log.info("placement run of {} started ({}), {} site(s)", database.getName(), trigger, sites.size());
      if (sites.isEmpty()) {
        finish(run, List.of());
      }
      // Detached from the caller's context: a run outlives the control call that started it, whose
      // end would otherwise cancel the probe calls.
      Context.current().fork().run(() -> sites.forEach(site -> measure(site, database, run)));
    }
    return run;
  }

  private void measure(Site site, StoredDatabase database, PlacementRun run) {
    MeasureConnectRequest request = MeasureConnectRequest.newBuilder()
        .setOrigin(database.getOrigin())
        .setSamples(settings.samples())
        .setTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()))
        .build();
    Duration deadline = settings.connectTimeout().multipliedBy(settings.samples()).plus(RPC_SLACK);
    ProbeGrpc.newStub(channels.channel(site))
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .measureConnect(request, new StreamObserver<>() {
          @Override
          public void onNext(MeasureConnectReply reply) {
            siteDone(run, SiteRankings.summarize(site, reply));
          }

          @Override
          public void onError(Throwable error) {
            log.warn("site {} could not measure {}: {}", site.name(), database.getName(), error.toString());
            siteDone(run, SiteRankings.unreachable(site, error));
          }

          @Override
          public void onCompleted() {
            // The single reply came through onNext.
          }
        });
  }

  private void siteDone(PlacementRun run, SiteRanking site) {
    List<SiteRanking> all = run.siteDone(site);
    if (all != null) {
      finish(run, all);
    }
  }

  private void finish(PlacementRun run, List<SiteRanking> results) {
    Ranking ranking = SiteRankings.rank(results, clock.instant());
    if (closed) {
      log.info("placement run of {} abandoned: placement is shutting down", run.database());
      running.remove(run.database(), run);
      return;
    }
    try {
      boolean saved = registry.saveRanking(run.database(), run.originRevision(), ranking);
      log.info("placement run of {} finished: {}{}", run.database(), describe(ranking),
          saved ? "" : " (not saved: the database was deleted or its origin changed meanwhile)");
    } catch (RuntimeException e) {
      log.error("placement run of {} could not save its ranking", run.database(), e);
    } finally {
      running.remove(run.database(), run);
    }
  }

  private void startDueRuns() {
    try {
      Instant dueBefore = clock.instant().minus(settings.interval());
      for (StoredDatabase database : registry.list()) {
        boolean due = !database.hasRanking()
            || ProtoTime.toInstant(database.getRanking().getMeasuredAt()).isBefore(dueBefore);
        if (due && !running.containsKey(database.getName())) {
          start(database, "schedule");
        }
      }
    } catch (RuntimeException e) {
      // A failing tick must not end the schedule (scheduleWithFixedDelay stops on an exception).
      log.error("scheduled placement runs failed to start", e);
    }
  }

  private static String describe(Ranking ranking) {
    StringBuilder out = new StringBuilder();
    for (SiteRanking site : ranking.getSitesList()) {
      out.append(out.length() == 0 ? "" : ", ").append(site.getSite()).append(' ');
      out.append(SiteRankings.usable(site) ? String.format("%.1f ms", site.getAverageSetupMillis()) : "unreachable");
    }
    return out.toString();
  }
}
