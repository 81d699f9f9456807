package dev.hyperdrive.endpoint.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.cache.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The endpoint's cache tier (DESIGN.md §5), shared by every session of the site and every edge that
 * relays through it: entries bounded by their total bytes ({@code cache_size}, Caffeine's weigher), each
 * forgotten when it stops being fresh. A stale entry is a miss here: the edge serves its own stale copy
 * while it refreshes, and that refresh must reach the origin, so the endpoint has no stale window.
 *
 * <p>Edges may be configured with different {@code max_age}s for one database, so a lookup also names
 * the asker's max age: an entry older than that is not served to it.
 */
public final class EndpointResultCache {
  /** Bytes an entry costs beyond its key and frames (object headers, map node); a rough, fixed estimate. */
  static final int ENTRY_OVERHEAD_BYTES = 96;
  /** How long identical misses wait for the first one's answer before asking the origin themselves. */
  public static final Duration FOLLOWER_MAX_WAIT = Duration.ofSeconds(10);
  /** At most this many misses wait on one flight; more go to the origin on their own. */
  public static final int MAX_FOLLOWERS = 4096;

  private final Clock clock;
  private final Cache<CacheKey, CachedResult> entries;
  private final SingleFlight flights = new SingleFlight(FOLLOWER_MAX_WAIT, MAX_FOLLOWERS);
  private final LongAdder served = new LongAdder();
  private final LongAdder relayed = new LongAdder();
  private final LongAdder stored = new LongAdder();

  public EndpointResultCache(long maxBytes, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey key, CachedResult result) -> weight(key, result))
        .expireAfter(new UntilStale())
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        // Maintenance (eviction) runs on the caller: cheap, and deterministic in tests.
        .executor(Runnable::run)
        .build();
  }

  /** Identical misses from any edge wait for the first one's answer instead of asking the origin. */
  public SingleFlight flights() {
    return flights;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * The fresh entry for {@code key}, if any, with its expiry cut to {@code askerMaxAge} after it was
   * stored (so the asker never keeps it longer than its own settings allow).
   */
  public Optional<CachedResult> lookup(CacheKey key, Duration askerMaxAge) {
    CachedResult stored = entries.getIfPresent(key);
    if (stored == null) {
      return Optional.empty();
    }
    Instant askerExpiry = stored.storedAt().plus(askerMaxAge);
    Instant expiry = askerExpiry.isBefore(stored.expiresAt()) ? askerExpiry : stored.expiresAt();
    Instant now = clock.instant();
    if (!now.isBefore(expiry)) {
      return Optional.empty();
    }
    return Optional.of(expiry.equals(stored.expiresAt()) ? stored
        : CachedResult.of(stored.frames(), stored.storedAt(), expiry));
  }

  /** Stores a result, replacing any older entry; one that alone outweighs the whole tier is not kept. */
  public void store(CacheKey key, CachedResult result) {
    entries.put(key, result);
    stored.increment();
  }

  /** A lookup was answered from the tier (directly, or by the flight it waited for). */
  public void countServed() {
    served.increment();
  }

  /** A lookup went to the origin (it missed, or waited in vain). */
  public void countRelayed() {
    relayed.increment();
  }

  /** Lookups answered from the tier so far, for metrics and tests. */
  public long served() {
    return served.sum();
  }

  /** Lookups that went to the origin so far. */
  public long relayed() {
    return relayed.sum();
  }

  /** Answers stored so far. */
  public long stored() {
    return stored.sum();
  }

  /** Entries currently held (for tests and admin views). */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** Drops every entry (an operator's or a test's reset). */
  public void clear() {
    entries.invalidateAll();
  }

  static int weight(CacheKey key, CachedResult result) {
    long weight = (long) key.encodedSize() + result.frameBytes() + ENTRY_OVERHEAD_BYTES;
    return (int) Math.min(Integer.MAX_VALUE, weight);
  }

  /** Caffeine forgets an entry once it is stale, measured on the tier's clock. */
  private final class UntilStale implements Expiry<CacheKey, CachedResult> {
    @Override
    public long expireAfterCreate(CacheKey key, CachedResult result, long currentTime) {
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, result.expiresAt().toEpochMilli() - clock.millis()));
    }

    @Override
    public long expireAfterUpdate(CacheKey key, CachedResult result, long currentTime, long currentDuration) {
      return expireAfterCreate(key, result, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, CachedResult result, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
