package dev.hyperdrive.edge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.proto.relay.CacheAnswer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndpointAnswersTest {
  private static final byte[] FRAMES = {'C', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

  private static CacheAnswer answer(long ageMs, long remainingMs) {
    return CacheAnswer.newBuilder().setTier(CacheAnswer.Tier.ENDPOINT).setAgeMs(ageMs).setRemainingTtlMs(remainingMs)
        .build();
  }

  @Test
  void theEntryKeepsItsEndpointAgeAndExpiresWhenItExpiresThere() {
    CachedResult entry = EndpointAnswers.entry(FRAMES, answer(50_000, 10_000), NOW, Duration.ofSeconds(60));
    assertThat(entry.storedAt()).isEqualTo(NOW.minusSeconds(50));
    assertThat(entry.expiresAt()).isEqualTo(NOW.plusSeconds(10));
  }

  @Test
  void neverLongerThanThisEdgesOwnMaxAge() {
    CachedResult entry = EndpointAnswers.entry(FRAMES, answer(20_000, 40_000), NOW, Duration.ofSeconds(30));
    assertThat(entry.expiresAt()).isEqualTo(NOW.plusSeconds(10));
  }
}
