package dev.hyperdrive.placement;

import dev.hyperdrive.proto.placement.Database;
import dev.hyperdrive.proto.placement.DatabaseOrigin;
import dev.hyperdrive.proto.placement.EdgeDatabase;
import dev.hyperdrive.proto.placement.OriginSummary;
import dev.hyperdrive.proto.placement.SiteRanking;
import dev.hyperdrive.proto.placement.StoredDatabase;
import dev.hyperdrive.proto.probe.OriginSettings;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What each audience may see of a stored database. The origin password appears only in the
 * endpoint view; operators and edges never get it back.
 */
public final class DatabaseViews {

  private DatabaseViews() {}

  /** Operators and the CLI. */
  public static Database control(StoredDatabase stored) {
    List<String> ranked = usableSites(stored);
    OriginSettings origin = stored.getOrigin();
    return Database.newBuilder()
        .setName(stored.getName())
        .setOrigin(OriginSummary.newBuilder()
            .setHost(origin.getHost())
            .setPort(OriginDefaults.port(origin))
            .setUser(origin.getUser())
            .setDatabase(origin.getDatabase())
            .setSslmode(origin.getSslmode())
            .setHasCaCertificate(!origin.getCaCertificatePem().isEmpty()))
        .setCaching(stored.getCaching())
        .setPool(stored.getPool())
        .setEdgeCredentials(stored.getEdgeCredentials())
        .setCreatedAt(stored.getCreatedAt())
        .setUpdatedAt(stored.getUpdatedAt())
        .setChosenSite(ranked.isEmpty() ? "" : ranked.get(0))
        .build();
  }

  /** Edge clients: no origin settings at all. */
  public static EdgeDatabase edge(StoredDatabase stored) {
    return EdgeDatabase.newBuilder()
        .setName(stored.getName())
        .setCredentials(stored.getEdgeCredentials())
        .setCaching(stored.getCaching())
        .addAllRankedSites(usableSites(stored))
        .build();
  }

  /** Endpoint sites only: the origin password included. */
  public static DatabaseOrigin endpoint(StoredDatabase stored) {
    return DatabaseOrigin.newBuilder()
        .setName(stored.getName())
        .setOrigin(stored.getOrigin())
        .setPool(stored.getPool())
        .build();
  }

  /** Sites edges may route to, best first: those that connected at least once. */
  static List<String> usableSites(StoredDatabase stored) {
    return stored.getRanking().getSitesList().stream()
        .filter(SiteRankings::usable)
        .map(SiteRanking::getSite)
        .collect(Collectors.toList());
  }
}
