package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.Ranking;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The arithmetic of a placement run: one site's set-ups summarised to an average, and sites ranked.
 * Order: sites whose every set-up succeeded, by average set-up time; then sites with some failures,
 * by average; then sites that never connected (including sites that could not be asked), by name.
 */
public final class SiteRankings {

  private static final Comparator<SiteRanking> BEST_FIRST = Comparator
      .comparingInt(SiteRankings::tier)
      .thenComparingDouble(SiteRanking::getAverageSetupMillis)
      .thenComparing(SiteRanking::getSite);

  private SiteRankings() {}

  public static SiteRanking summarize(Site site, MeasureConnectReply reply) {
    SiteRanking.Builder ranking = SiteRanking.newBuilder().setSite(site.name()).setRegion(site.region());
    long totalMicros = 0;
    int successes = 0;
    for (ConnectAttempt attempt : reply.getAttemptsList()) {
      if (attempt.hasFailure()) {
        ranking.setFailedSetups(ranking.getFailedSetups() + 1);
        if (!ranking.hasFailure()) {
          ranking.setFailure(attempt.getFailure());
        }
      } else {
        totalMicros += attempt.getSetupMicros();
        successes++;
      }
    }
    if (successes == 0 && !ranking.hasFailure()) {
      ranking.setFailure(ConnectFailure.newBuilder()
          .setKind(FailureKind.OTHER)
          .setMessage("the site reported no set-ups"));
    }
    return ranking
        .setSuccessfulSetups(successes)
        .setAverageSetupMillis(successes == 0 ? 0 : totalMicros / 1000.0 / successes)
        .build();
  }

  /** A site whose probe RPC itself failed (the site is down, or too slow to answer). */
  public static SiteRanking unreachable(Site site, Throwable error) {
    Status status = Status.fromThrowable(error);
    String description = status.getDescription() == null ? "" : ": " + status.getDescription();
    return SiteRanking.newBuilder()
        .setSite(site.name())
        .setRegion(site.region())
        .setFailure(ConnectFailure.newBuilder()
            .setKind(FailureKind.OTHER)
            .setMessage("site did not answer the probe (" + status.getCode() + description + ")"))
        .build();
  }

  public static Ranking rank(List<SiteRanking> sites, Instant measuredAt) {
    List<SiteRanking> sorted = new ArrayList<>(sites);
    sorted.sort(BEST_FIRST);
    return Ranking.newBuilder()
        .setMeasuredAt(ProtoTime.of(measuredAt))
        .addAllSites(sorted)
        .build();
  }

  /** Whether edges may route to the site: it connected at least once. */
  public static boolean usable(SiteRanking site) {
    return site.getSuccessfulSetups() > 0;
  }

  private static int tier(SiteRanking site) {
    if (site.getSuccessfulSetups() == 0) {
      return 2;
    }
    return site.getFailedSetups() == 0 ? 0 : 1;
  }
}
