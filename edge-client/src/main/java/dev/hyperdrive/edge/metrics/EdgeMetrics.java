package dev.hyperdrive.edge.metrics;

import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.edge.cache.CacheStatistics;
import dev.hyperdrive.edge.cache.ResultCache;
import dev.hyperdrive.edge.routing.EdgeDatabases;
import dev.hyperdrive.edge.session.LiveSessions;
import dev.hyperdrive.edge.session.SessionOutcomes;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's meters (edge-client/README.md, Metrics): each reads a counter the edge keeps anyway, so
 * metrics cost nothing on the hot path and nothing at all without a registry. Per-database meters are
 * added for the file's databases at start and for placement's as they are learned.
 */
public final class EdgeMetrics {
  private final MeterRegistry registry;
  private final CacheStatistics cacheStatistics;
  private final Set<String> boundDatabases = ConcurrentHashMap.newKeySet();

  private EdgeMetrics(MeterRegistry registry, CacheStatistics cacheStatistics) {
    this.registry = registry;
    this.cacheStatistics = cacheStatistics;
  }

  /** Registers every meter of this edge with {@code registry}. */
  public static void bind(MeterRegistry registry, CacheStatistics cacheStatistics, ResultCache results,
      LiveSessions sessions, EdgeDatabases databases) {
    EdgeMetrics metrics = new EdgeMetrics(registry, cacheStatistics);
    Gauge.builder("hyperdrive.edge.cache.bytes", results, ResultCache::weightedBytes)
        .description("Bytes of cached results held on this edge (all databases)").baseUnit("bytes").register(registry);
    Gauge.builder("hyperdrive.edge.cache.entries", results, ResultCache::size)
        .description("Cached results held on this edge (all databases)").register(registry);
    Gauge.builder("hyperdrive.edge.client.sessions.open", sessions, LiveSessions::count)
        .description("Driver connections open on this edge, handshaking ones included").register(registry);
    SessionOutcomes outcomes = sessions.outcomes();
    for (SessionOutcomes.Outcome outcome : SessionOutcomes.Outcome.values()) {
      FunctionCounter.builder("hyperdrive.edge.client.sessions", outcomes, counts -> counts.count(outcome))
          .description("Driver connections that ended, by how they ended").tag("outcome", outcome.label())
          .register(registry);
    }
    databases.onDatabasesAdded(metrics::bindDatabases);
    metrics.bindDatabases(databases.names());
  }

  private void bindDatabases(Iterable<String> names) {
    for (String database : names) {
      if (boundDatabases.add(database)) {
        bindDatabase(database);
      }
    }
  }

  private void bindDatabase(String database) {
    for (CacheStatus status : CacheStatus.values()) {
      FunctionCounter.builder("hyperdrive.edge.cache.requests", cacheStatistics, counts -> counts.count(database, status))
          .description("Cacheable-shaped requests by cache status (Hyperdrive's vocabulary)")
          .tags("database", database, "status", status.wireName()).register(registry);
    }
    FunctionCounter.builder("hyperdrive.edge.cache.stale.served", cacheStatistics, counts -> counts.staleServed(database))
        .description("Hits answered with a stale entry while it was refreshed (also counted as hit)")
        .tag("database", database).register(registry);
    FunctionCounter.builder("hyperdrive.edge.cache.background.refreshes", cacheStatistics,
            counts -> counts.refreshes(database))
        .description("Background refreshes that stored a new entry").tag("database", database).register(registry);
  }
}
