package dev.hyperdrive.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.probe.ConnectAttempt;
import dev.hyperdrive.proto.probe.ConnectFailure;
import dev.hyperdrive.proto.probe.FailureKind;
import dev.hyperdrive.proto.probe.MeasureConnectReply;
import io.grpc.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRankingsTest {

  static final Site SITE = new Site("london-1", "eu-west", "10.0.0.2:7100");

  @Test
  void averagesOnlyTheSuccessfulSetUpsAndKeepsTheFirstFailure() {
    SiteRanking ranking = SiteRankings.summarize(SITE, reply(success(10_000), failure(FailureKind.TIMEOUT),
        success(20_000), failure(FailureKind.OTHER)));

    assertThat(ranking.getAverageSetupMillis()).isEqualTo(15.0);
    assertThat(ranking.getSuccessfulSetups()).isEqualTo(2);
    assertThat(ranking.getFailedSetups()).isEqualTo(2);
    assertThat(ranking.getFailure().getKind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(ranking.getRegion()).isEqualTo("eu-west");
  }

  @Test
  void aSiteThatReportsNothingIsNotUsable() {
    SiteRanking ranking = SiteRankings.summarize(SITE, reply());

    assertThat(SiteRankings.usable(ranking)).isFalse();
    assertThat(ranking.getFailure().getMessage()).isEqualTo("the site reported no set-ups");
  }

  @Test
  void ranksCleanSitesByAverageThenFlakySitesThenUnreachableOnes() {
    SiteRanking flakyButFast = site("flaky", 2, 1, 1.0);
    SiteRanking slow = site("slow", 5, 0, 80.0);
    SiteRanking fast = site("fast", 5, 0, 3.0);
    SiteRanking down = SiteRankings.unreachable(new Site("down", "ap", "x:1"),
        Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    SiteRanking refused = site("refused", 0, 5, 0);

    List<SiteRanking> ranked = SiteRankings.rank(List.of(refused, flakyButFast, down, slow, fast), Instant.EPOCH)
        .getSitesList();

    assertThat(ranked).extracting(SiteRanking::getSite).containsExactly("fast", "slow", "flaky", "down", "refused");
    assertThat(ranked.get(3).getFailure().getMessage())
        .isEqualTo("site did not answer the probe (UNAVAILABLE: io exception)");
  }

  private static SiteRanking site(String name, int successes, int failures, double average) {
    return SiteRanking.newBuilder().setSite(name).setSuccessfulSetups(successes).setFailedSetups(failures)
        .setAverageSetupMillis(average).build();
  }

  private static MeasureConnectReply reply(ConnectAttempt... attempts) {
    return MeasureConnectReply.newBuilder().addAllAttempts(List.of(attempts)).build();
  }

  private static ConnectAttempt success(long micros) {
    return ConnectAttempt.newBuilder().setSetupMicros(micros).build();
  }

  private static ConnectAttempt failure(FailureKind kind) {
    return ConnectAttempt.newBuilder().setFailure(ConnectFailure.newBuilder().setKind(kind)).build();
  }
}
