package dev.hyperdrive.cache;

import java.util.Objects;

/**
 * What {@link QueryClassifier} decided about one query: either the cache may answer it (a hit or a
 * miss, which only the cache can tell), or it must bypass the cache with a final {@link CacheStatus}.
 */
public sealed interface Classification permits Classification.Cacheable, Classification.Bypass {

  /** True when a cache tier may look the query up and store its result. */
  boolean cacheable();

  /** A single read-only statement with nothing volatile, outside a transaction. */
  enum Cacheable implements Classification {
    INSTANCE;

    @Override
    public boolean cacheable() {
      return true;
    }
  }

  /**
   * Goes to the origin and is not stored.
   *
   * @param status the status to report for the request
   * @param reason a short explanation for debug logs, naming the offending keyword or function but
   *     never parameter values
   */
  record Bypass(CacheStatus status, String reason) implements Classification {

    public Bypass {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      if (status == CacheStatus.HIT || status == CacheStatus.MISS || status == CacheStatus.OVERSIZED_RESULT) {
        throw new IllegalArgumentException("the classifier cannot decide " + status);
      }
    }

    @Override
    public boolean cacheable() {
      return false;
    }
  }
}
