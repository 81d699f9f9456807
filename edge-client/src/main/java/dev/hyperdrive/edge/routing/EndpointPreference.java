package dev.hyperdrive.edge.routing;

import dev.hyperdrive.edge.EdgeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order in which a database's sessions try this edge's endpoints (DESIGN.md §1). With a ranking
 * from placement: the ranked sites this edge has an endpoint for, best first (placement leaves out
 * sites that could not reach the origin). Before a ranking: rendezvous hashing keyed by the database
 * name over the endpoints of the edge's own region, so every edge of a region picks the same endpoint
 * for a database and databases spread over the region's endpoints; the other regions' endpoints follow,
 * in their own rendezvous order, as the last resort. An edge with no region, or whose region has no
 * endpoint, hashes over all of them.
 */
public final class EndpointPreference {
  private final List<String> configured;
  private final List<String> ownRegion;
  private final List<String> otherRegions;

  public EndpointPreference(EdgeConfig config) {
    configured = config.endpoints().stream().map(EdgeConfig.Endpoint::name).toList();
    Optional<String> region = config.region();
    List<String> own = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (EdgeConfig.Endpoint endpoint : config.endpoints()) {
      (region.isPresent() && endpoint.region().equals(region) ? own : others).add(endpoint.name());
    }
    ownRegion = own.isEmpty() ? configured : List.copyOf(own);
    otherRegions = own.isEmpty() ? List.of() : List.copyOf(others);
  }

  /**
   * Endpoint names best first for {@code database}.
   *
   * @param rankedSites placement's ranking, best first; empty before the first ranking
   */
  public List<String> forDatabase(String database, List<String> rankedSites) {
    List<String> ranked = rankedSites.stream().filter(configured::contains).distinct().toList();
    if (!ranked.isEmpty()) {
      return ranked;
    }
    return rendezvous(database);
  }

  /** Whether {@code rankedSites} names any endpoint this edge has, i.e. whether the ranking is used. */
  public boolean usesRanking(List<String> rankedSites) {
    return rankedSites.stream().anyMatch(configured::contains);
  }

  /** The pre-ranking order: the own region by rendezvous weight, then the rest by theirs. */
  public List<String> rendezvous(String database) {
    List<String> order = new ArrayList<>(RendezvousOrder.order(database, ownRegion));
    order.addAll(RendezvousOrder.order(database, otherRegions));
    return List.copyOf(order);
  }
}
