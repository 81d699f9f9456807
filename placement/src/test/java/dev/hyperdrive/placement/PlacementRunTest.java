package dev.hyperdrive.placement;

import static dev.hyperdrive.placement.PlacementHarness.origin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.proto.placement.CreateDatabaseRequest;
import dev.hyperdrive.proto.placement.GetDatabaseRequest;
import dev.hyperdrive.proto.placement.GetPlacementRequest;
import dev.hyperdrive.proto.placement.PlacementStatus;
import dev.hyperdrive.proto.placement.Ranking;
import dev.hyperdrive.proto.placement.RunPlacementRequest;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.placement.UpdateDatabaseRequest;
import dev.hyperdrive.proto.probe.FailureKind;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placement runs: every site measured, ranked by average set-up time, saved with its time. */
class PlacementRunTest {

  @TempDir Path dataDir;
  PlacementHarness harness;

  @BeforeEach
  void start() {
    harness = PlacementHarness.withScriptedSites(dataDir, "near/eu", "middle/us", "far/ap", "broken/eu");
    harness.probe("near").connectsIn(2.5);
    harness.probe("middle").connectsIn(40);
    harness.probe("far").connectsIn(120);
    harness.probe("broken").failsWith(FailureKind.CONNECTION_REFUSED, "Connection refused", "");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aCreateRanksEverySiteByAverageSetUpTimeWithUnreachableSitesLast() throws InterruptedException {
    Instant before = Instant.now();
    create();

    Ranking ranking = harness.awaitRanking("appdb").getRanking();

    assertThat(ranking.getSitesList()).extracting(SiteRanking::getSite)
        .containsExactly("near", "middle", "far", "broken");
    SiteRanking near = ranking.getSites(0);
    assertThat(near.getAverageSetupMillis()).isEqualTo(2.5);
    assertThat(near.getSuccessfulSetups()).isEqualTo(PlacementHarness.SAMPLES);
    assertThat(near.getRegion()).isEqualTo("eu");
    SiteRanking broken = ranking.getSites(3);
    assertThat(broken.getSuccessfulSetups()).isZero();
    assertThat(broken.getFailure().getKind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(ProtoTime.toInstant(ranking.getMeasuredAt())).isBetween(before, Instant.now());
    assertThat(harness.probe("far").measurements).singleElement().satisfies(request -> {
      assertThat(request.getSamples()).isEqualTo(PlacementHarness.SAMPLES);
      assertThat(request.getOrigin().getPassword()).isEqualTo("origin-secret");
    });
    assertThat(harness.control().getDatabase(GetDatabaseRequest.newBuilder().setName("appdb").build())
        .getChosenSite()).isEqualTo("near");
  }

  @Test
  void aSiteThatCannotBeAskedIsRankedLastWithTheReason() throws InterruptedException {
    harness.probe("near").down(true);
    create(); // validated by "middle": "near" is skipped

    Ranking ranking = harness.awaitRanking("appdb").getRanking();

    assertThat(ranking.getSitesList()).extracting(SiteRanking::getSite)
        .containsExactly("middle", "far", "broken", "near");
    assertThat(ranking.getSites(3).getFailure().getMessage())
        .isEqualTo("site did not answer the probe (UNAVAILABLE: near is down)");
  }

  @Test
  void progressIsVisibleWhileARunIsUnderWayAndOnDemandRunsJoinIt() throws InterruptedException {
    create();
    harness.awaitRanking("appdb");
    harness.probe("far").holdMeasurements();
    harness.probe("far").connectsIn(1);

    PlacementStatus started = harness.control().runPlacement(RunPlacementRequest.newBuilder().setDatabase("appdb").build());
    assertThat(started.getRun().getTrigger()).isEqualTo("on demand");
    assertThat(started.getRun().getSitesTotal()).isEqualTo(4);
    assertThat(started.hasRanking()).as("the previous ranking stays visible").isTrue();

    PlacementStatus running = awaitSitesDone(3);
    assertThat(running.getRun().getSitesDoneList()).extracting(SiteRanking::getSite)
        .containsExactlyInAnyOrder("near", "middle", "broken");
    harness.control().runPlacement(RunPlacementRequest.newBuilder().setDatabase("appdb").build());
    assertThat(harness.probe("near").measurements).as("joined, not restarted").hasSize(2);

    harness.probe("far").releaseMeasurements();
    assertThat(harness.awaitRanking("appdb").getRanking().getSites(0).getSite()).isEqualTo("far");
  }

  @Test
  void aNewOriginDropsTheOldRankingAndIsMeasuredAgain() throws InterruptedException {
    create();
    harness.awaitRanking("appdb");
    harness.probe("near").connectsIn(300);

    harness.control().updateDatabase(UpdateDatabaseRequest.newBuilder()
        .setName("appdb").setOrigin(origin("db2.internal")).build());

    Ranking ranking = harness.awaitRanking("appdb").getRanking();
    assertThat(ranking.getSitesList()).extracting(SiteRanking::getSite)
        .containsExactly("middle", "far", "near", "broken");
    assertThat(harness.probe("near").measurements.get(1).getOrigin().getHost()).isEqualTo("db2.internal");
  }

  private PlacementStatus awaitSitesDone(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      PlacementStatus status = harness.control().getPlacement(
          GetPlacementRequest.newBuilder().setDatabase("appdb").build());
      if (status.getRun().getSitesDoneCount() >= count || System.nanoTime() > deadline) {
        return status;
      }
      Thread.sleep(10);
    }
  }

  private void create() {
    harness.control().createDatabase(
        CreateDatabaseRequest.newBuilder().setName("appdb").setOrigin(origin("db.internal")).build());
  }
}
