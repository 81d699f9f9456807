package dev.hyperdrive.edge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The edge's result cache tier, shared by every session of the site: entries bounded by their total
 * bytes ({@code cache_size}, Caffeine's weigher), each kept until its stale-while-revalidate window
 * has passed. Time comes from an injectable {@link Clock}, so tests can move it.
 *
 * <p>Writes do not invalidate entries (as in Hyperdrive): an entry is served until its max age, then
 * stale for at most its stale-while-revalidate window while one refresh runs.
 */
public final class ResultCache {
  /** Bytes an entry costs beyond its key and frames (object headers, map node); a rough, fixed estimate. */
  static final int ENTRY_OVERHEAD_BYTES = 96;

  /** What a lookup found. */
  public sealed interface Lookup permits Fresh, Stale, Absent {}

  /** Within its max age: serve it. */
  public record Fresh(CachedResult result) implements Lookup {}

  /** Past its max age but within stale-while-revalidate: serve it and refresh in the background. */
  public record Stale(CachedResult result) implements Lookup {}

  /** Nothing usable. */
  public enum Absent implements Lookup { INSTANCE }

  /** A stored result and the end of its stale-while-revalidate window. */
  private record Stored(CachedResult result, long staleUntilMillis) {}

  private final Clock clock;
  private final Cache<CacheKey, Stored> entries;

  public ResultCache(long maxBytes, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.entries = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((CacheKey key, Stored stored) -> weight(key, stored.result()))
        .expireAfter(new UntilStaleWindowEnds())
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        // Maintenance (eviction) runs on the caller: cheap, and deterministic in tests.
        .executor(Runnable::run)
        .build();
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Looks a request up; entries past their stale window count as absent. */
  public Lookup lookup(CacheKey key) {
    Stored stored = entries.getIfPresent(key);
    if (stored == null) {
      return Absent.INSTANCE;
    }
    Instant now = clock.instant();
    if (stored.result().isFreshAt(now)) {
      return new Fresh(stored.result());
    }
    return now.toEpochMilli() < stored.staleUntilMillis() ? new Stale(stored.result()) : Absent.INSTANCE;
  }

  /**
   * Stores a result, replacing any older entry for the key. A result that alone would take more than
   * the whole cache is not stored.
   */
  public void store(CacheKey key, CachedResult result, Duration staleWhileRevalidate) {
    long staleUntil = result.expiresAt().plus(staleWhileRevalidate).toEpochMilli();
    entries.put(key, new Stored(result, staleUntil));
  }

  /** Entries currently held (for tests and admin views). */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** Bytes the entries currently held are weighed at (keys, frames and per-entry overhead). */
  public long weightedBytes() {
    return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
  }

  /** The bytes an entry is weighed at: its key, its frames and a fixed overhead. */
  static int weight(CacheKey key, CachedResult result) {
    long weight = (long) key.encodedSize() + result.frameBytes() + ENTRY_OVERHEAD_BYTES;
    return (int) Math.min(Integer.MAX_VALUE, weight);
  }

  /** Caffeine forgets an entry when its stale window has passed, measured on the cache's clock. */
  private final class UntilStaleWindowEnds implements Expiry<CacheKey, Stored> {
    @Override
    public long expireAfterCreate(CacheKey key, Stored stored, long currentTime) {
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, stored.staleUntilMillis() - clock.millis()));
    }

    @Override
    public long expireAfterUpdate(CacheKey key, Stored stored, long currentTime, long currentDuration) {
      return expireAfterCreate(key, stored, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, Stored stored, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
