package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.RunProgress;
import dev.hyperdrive.proto.placement.SiteRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One placement run of one database while it is under way: which sites have answered so far.
 * Thread-safe; site answers arrive on gRPC callback threads.
 */
final class PlacementRun {

  private final String database;
  private final long originRevision;
  private final Instant startedAt;
  private final String trigger;
  private final int sitesTotal;
  private final List<SiteRanking> sitesDone = new ArrayList<>();

  PlacementRun(String database, long originRevision, Instant startedAt, String trigger, int sitesTotal) {
    this.database = database;
    this.originRevision = originRevision;
    this.startedAt = startedAt;
    this.trigger = trigger;
    this.sitesTotal = sitesTotal;
  }

  String database() {
    return database;
  }

  long originRevision() {
    return originRevision;
  }

  /** Records a site's result; returns every result once the last site has answered, else null. */
  synchronized List<SiteRanking> siteDone(SiteRanking site) {
    sitesDone.add(site);
    return sitesDone.size() == sitesTotal ? List.copyOf(sitesDone) : null;
  }

  synchronized RunProgress progress() {
    return RunProgress.newBuilder()
        .setStartedAt(ProtoTime.of(startedAt))
        .setTrigger(trigger)
        .setSitesTotal(sitesTotal)
        .addAllSitesDone(sitesDone)
        .build();
  }
}
