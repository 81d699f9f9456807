package dev.hyperdrive.endpoint.cache;

import dev.hyperdrive.cache.FunctionRow;
import dev.hyperdrive.endpoint.pool.OriginPool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origins' function catalogs ({@code pg_proc}: schema, name, volatility), which edges need to judge
 * user-defined functions (DESIGN.md §5). Read from each origin when first asked for and again once the
 * copy is older than {@link #MAX_AGE}, at most one read per database at a time; a replaced pool (its
 * origin changed) is read anew. Thread-safe.
 */
public final class OriginFunctions {
  /** How old a catalog may be before the next DescribeOrigin reads it again. */
  public static final Duration MAX_AGE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(OriginFunctions.class);

  /** One read of one pool's catalog (perhaps still running) and when it started. */
  private record Read(OriginPool pool, long startedAtNanos, CompletableFuture<List<FunctionRow>> rows) {}

  private final Map<String, Read> byDatabase = new ConcurrentHashMap<>();

  /** The catalog of {@code pool}'s origin: the last read if it is recent and succeeded, else a new read. */
  public CompletableFuture<List<FunctionRow>> of(OriginPool pool) {
    return byDatabase.compute(pool.database(), (database, last) -> isUsable(last, pool) ? last : start(pool)).rows();
  }

  private static boolean isUsable(Read last, OriginPool pool) {
    if (last == null || last.pool() != pool || last.rows().isCompletedExceptionally()) {
      return false;
    }
    return !last.rows().isDone() || System.nanoTime() - last.startedAtNanos() < MAX_AGE.toNanos();
  }

  private static Read start(OriginPool pool) {
    CompletableFuture<List<FunctionRow>> rows = CatalogQuery.run(pool);
    rows.whenComplete((read, failure) -> {
      if (failure != null) {
        log.warn("database {}: cannot read the origin's function catalog ({}); edges treat unknown functions as volatile",
            pool.database(), failure.getMessage());
      } else {
        log.debug("database {}: read {} functions from the origin's catalog", pool.database(), read.size());
      }
    });
    return new Read(pool, System.nanoTime(), rows);
  }
}
