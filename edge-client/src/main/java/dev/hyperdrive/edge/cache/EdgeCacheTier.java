package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CatalogFunctionVolatility;
import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.cache.QueryClassifier;
import dev.hyperdrive.cache.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every session of an edge shares for result caching: the cache itself, the single-flight table,
 * the classifiers and the counters. Each database's classifier judges functions by its origin's own
 * catalog once an endpoint has shared it (DescribeOrigin); until then by PostgreSQL's builtin catalog,
 * so user-defined functions count as volatile.
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
  private final QueryClassifier builtinClassifier;
  private final Map<String, QueryClassifier> byDatabase = new ConcurrentHashMap<>();
  private final CatalogReads catalogReads = new CatalogReads(MAX_QUERY_LENGTH);
  private final CatalogChanges catalogChanges = new CatalogChanges();

  public EdgeCacheTier(long cacheSizeBytes, Clock clock) {
    this.results = new ResultCache(cacheSizeBytes, clock);
    this.flights = new SingleFlight(FOLLOWER_MAX_WAIT, MAX_FOLLOWERS);
    this.builtinClassifier = new QueryClassifier(CatalogFunctionVolatility.builtin(), MAX_QUERY_LENGTH);
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

  /** The classifier for a database: by its origin's catalog once known, else by the builtin one. */
  public QueryClassifier classifier(String database) {
    return byDatabase.getOrDefault(database, builtinClassifier);
  }

  /** The origin's function catalog for {@code database}, as an endpoint read it from {@code pg_proc}. */
  public void learnFunctions(String database, List<FunctionRow> functions) {
    byDatabase.put(database, new QueryClassifier(CatalogFunctionVolatility.fromRows(functions), MAX_QUERY_LENGTH));
  }

  CatalogReads catalogReads() {
    return catalogReads;
  }

  CatalogChanges catalogChanges() {
    return catalogChanges;
  }
}
