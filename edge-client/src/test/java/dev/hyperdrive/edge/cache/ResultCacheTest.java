package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.testing.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
  /** DataRow("1"), CommandComplete("SELECT 1"). */
  private static final byte[] ANSWER = {
      'D', 0, 0, 0, 11, 0, 1, 0, 0, 0, 1, '1',
      'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final Duration MAX_AGE = Duration.ofSeconds(60);
  private static final Duration SWR = Duration.ofSeconds(15);

  private final ManualClock clock = new ManualClock();
  private final ResultCache cache = new ResultCache(1024 * 1024, clock);

  private static CacheKey key(String sql) {
    return CacheKey.simpleQuery("appdb", Map.of(), sql);
  }

  private void store(CacheKey key) {
    cache.store(key, CachedResult.of(ANSWER, clock.instant(), MAX_AGE), SWR);
  }

  @Test
  void anEntryIsFreshForItsMaxAgeThenStaleForTheWindowThenGone() {
    CacheKey key = key("SELECT 1");
    assertThat(cache.lookup(key)).isSameAs(ResultCache.Absent.INSTANCE);
    store(key);
    assertThat(cache.lookup(key)).isInstanceOf(ResultCache.Fresh.class);
    clock.advance(Duration.ofMillis(59_999));
    assertThat(cache.lookup(key)).isInstanceOf(ResultCache.Fresh.class);
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.lookup(key)).isInstanceOf(ResultCache.Stale.class);
    clock.advance(Duration.ofMillis(14_999));
    assertThat(cache.lookup(key)).isInstanceOf(ResultCache.Stale.class);
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.lookup(key)).isSameAs(ResultCache.Absent.INSTANCE);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aNewerResultReplacesAStaleOne() {
    CacheKey key = key("SELECT 1");
    store(key);
    clock.advance(Duration.ofSeconds(70));
    store(key);
    ResultCache.Lookup found = cache.lookup(key);
    assertThat(found).isInstanceOf(ResultCache.Fresh.class);
    assertThat(((ResultCache.Fresh) found).result().storedAt()).isEqualTo(clock.instant());
  }

  @Test
  void withoutAStaleWindowAnEntryIsGoneAtItsMaxAge() {
    CacheKey key = key("SELECT 1");
    cache.store(key, CachedResult.of(ANSWER, clock.instant(), MAX_AGE), Duration.ZERO);
    clock.advance(MAX_AGE);
    assertThat(cache.lookup(key)).isSameAs(ResultCache.Absent.INSTANCE);
  }

  @Test
  void totalBytesAreBounded() {
    int entryWeight = ResultCache.weight(key("SELECT 1000"), CachedResult.of(ANSWER, clock.instant(), MAX_AGE));
    ResultCache small = new ResultCache(entryWeight * 10L, clock);
    for (int i = 1000; i < 1100; i++) {
      small.store(key("SELECT " + i), CachedResult.of(ANSWER, clock.instant(), MAX_AGE), SWR);
    }
    assertThat(small.size()).isLessThanOrEqualTo(10).isPositive();
  }

  @Test
  void anEntryLargerThanTheWholeCacheIsNotKept() {
    ResultCache tiny = new ResultCache(ANSWER.length, clock);
    CacheKey key = key("SELECT 1");
    tiny.store(key, CachedResult.of(ANSWER, clock.instant(), MAX_AGE), SWR);
    assertThat(tiny.lookup(key)).isSameAs(ResultCache.Absent.INSTANCE);
  }
}
