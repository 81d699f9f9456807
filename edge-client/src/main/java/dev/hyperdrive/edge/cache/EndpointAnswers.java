package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.proto.relay.CacheAnswer;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns an answer the endpoint served from its cache tier into this tier's entry: the entry keeps the
 * age it had there (it was made when the origin was asked, not when it reached us), so it expires here
 * when it expires there — and never later than this edge's own {@code max_age} allows.
 */
final class EndpointAnswers {
  private EndpointAnswers() {}

  static CachedResult entry(byte[] frames, CacheAnswer answer, Instant now, Duration maxAge) {
    Instant storedAt = now.minusMillis(Math.max(0, answer.getAgeMs()));
    Instant expiresAt = now.plusMillis(Math.max(0, answer.getRemainingTtlMs()));
    Instant latest = storedAt.plus(maxAge);
    return CachedResult.of(frames, storedAt, expiresAt.isAfter(latest) ? latest : expiresAt);
  }
}
