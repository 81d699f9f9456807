package dev.hyperdrive.endpoint.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.testing.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointResultCacheTest {
  /** CommandComplete "SELECT 1". */
  private static final byte[] FRAMES = {'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final Duration MINUTE = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock();
  private final EndpointResultCache cache = new EndpointResultCache(1 << 20, clock);

  private static CacheKey key(String sql) {
    return CacheKey.simpleQuery("appdb", Map.of(), sql);
  }

  @Test
  void anEntryIsServedUntilItsMaxAgeAndForgottenAfter() {
    CachedResult stored = CachedResult.of(FRAMES, clock.instant(), MINUTE);
    cache.store(key("SELECT 1"), stored);
    clock.advance(Duration.ofSeconds(59));
    assertThat(cache.lookup(key("SELECT 1"), MINUTE)).contains(stored);
    assertThat(cache.lookup(key("SELECT 2"), MINUTE)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.lookup(key("SELECT 1"), MINUTE)).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void anAskerWithAShorterMaxAgeGetsTheEntryOnlyThatLongAndWithThatExpiry() {
    CachedResult stored = CachedResult.of(FRAMES, clock.instant(), MINUTE);
    cache.store(key("SELECT 1"), stored);
    clock.advance(Duration.ofSeconds(20));
    CachedResult served = cache.lookup(key("SELECT 1"), Duration.ofSeconds(30)).orElseThrow();
    assertThat(served.storedAt()).isEqualTo(stored.storedAt());
    assertThat(served.expiresAt()).isEqualTo(stored.storedAt().plusSeconds(30));
    assertThat(served.remainingTtl(clock.instant())).isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(cache.lookup(key("SELECT 1"), Duration.ofSeconds(30))).isEmpty();
    // A longer max age does not stretch the entry past its own expiry.
    assertThat(cache.lookup(key("SELECT 1"), Duration.ofHours(1))).contains(stored);
  }

  @Test
  void entriesAreBoundedByTheirTotalBytes() {
    CacheKey first = key("SELECT 1");
    int entryWeight = EndpointResultCache.weight(first, CachedResult.of(FRAMES, clock.instant(), MINUTE));
    EndpointResultCache small = new EndpointResultCache(entryWeight * 3L, clock);
    for (int i = 0; i < 50; i++) {
      small.store(key("SELECT " + (char) ('a' + i % 26) + i % 10), CachedResult.of(FRAMES, clock.instant(), MINUTE));
    }
    assertThat(small.size()).isLessThanOrEqualTo(3);
    EndpointResultCache none = new EndpointResultCache(0, clock);
    none.store(first, CachedResult.of(FRAMES, clock.instant(), MINUTE));
    assertThat(none.lookup(first, MINUTE)).isEmpty();
  }
}
