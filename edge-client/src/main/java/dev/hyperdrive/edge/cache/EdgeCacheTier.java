package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CatalogFunctionVolatility;
import dev.hyperdrive.cache.QueryClassifier;
import java.time.Clock;
import java.time.Duration;

/**
 * What every session of an edge shares for result caching: the cache itself, the single-flight table,
 * the classifier and the counters. Until endpoints share the origin's catalog, function volatility
 * comes from PostgreSQL's builtin catalog, so user-defined functions count as volatile.
 */
public final class EdgeCacheTier {
  /** Longer query texts are {@code oversizedquery}: keying on them costs more than caching saves. */
  public static final int MAX_QUERY_LENGTH = 16 * 1024;
  /** How long identical misses wait for the first one's answer before asking the origin themselves. */
  public static final Duration FOLLOWER_MAX_WAIT = Duration.ofSeconds(10);
  /** At most this many misses wait on one flight; more go to the origin on their own. */
  public static final int MAX_FOLLOWERS = 4096;

  private final ResultCache results;
  private final SingleFlight flights;
  private final CacheStatistics statistics = new CacheStatistics();
  private final QueryClassifier classifier;
  private final CatalogReads catalogReads = new CatalogReads(MAX_QUERY_LENGTH);
  private final CatalogChanges catalogChanges = new CatalogChanges();

  public EdgeCacheTier(long cacheSizeBytes, Clock clock) {
    this.results = new ResultCache(cacheSizeBytes, clock);
    this.flights = new SingleFlight(FOLLOWER_MAX_WAIT, MAX_FOLLOWERS);
    this.classifier = new QueryClassifier(CatalogFunctionVolatility.builtin(), MAX_QUERY_LENGTH);
  }

  public ResultCache results() {
    return results;
  }

  public SingleFlight flights() {
    return flights;
  }

  public CacheStatistics statistics() {
    return statistics;
  }

  public QueryClassifier classifier() {
    return classifier;
  }

  CatalogReads catalogReads() {
    return catalogReads;
  }

  CatalogChanges catalogChanges() {
    return catalogChanges;
  }
}
