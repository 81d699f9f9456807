package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.endpoint.cache.AnswerCapture;
import dev.hyperdrive.endpoint.cache.EndpointResultCache;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.wire.Frames;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's use of the endpoint cache tier. A request the edge sent with a {@link CacheLookup} is
 * answered from the tier when the session is idle (no origin connection held, last ReadyForQuery 'I')
 * and the frames are exactly one request; otherwise the answer going to the edge is captured and stored.
 * The edge decided the request is cacheable and its key covers the session's settings; the endpoint
 * only re-checks what it can see itself. Used only on the session's loop.
 */
final class SessionCache {
  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);
  private static final byte QUERY = 'Q';
  private static final byte SYNC = 'S';
  /** Parse, Bind, Describe, Execute: what may precede the Sync of one cacheable execution. */
  private static final String EXTENDED_REQUEST_TAGS = "PBDE";

  private final EndpointResultCache tier;
  private final EdgeCall edge;

  SessionCache(EndpointResultCache tier, EdgeCall edge) {
    this.tier = tier;
    this.edge = edge;
  }

  /**
   * Answers the request from the tier if it can (then it owns and releases {@code frames}, and asks the
   * edge for its next frame); otherwise arranges for the origin's answer to be stored.
   *
   * @param sessionIdle no origin connection is held and the last ReadyForQuery said 'I'
   * @return true when answered
   */
  boolean answer(CacheLookup lookup, List<ByteBuf> frames, boolean sessionIdle) {
    if (!sessionIdle || !isOneRequest(frames)) {
      log.debug("cache lookup ignored: {}", sessionIdle ? "not exactly one request" : "the session is not idle");
      return false;
    }
    CacheKey key;
    try {
      key = CacheKey.decode(lookup.getKey().toByteArray());
    } catch (IllegalArgumentException malformed) {
      log.debug("cache lookup ignored: malformed key ({})", malformed.getMessage());
      return false;
    }
    Duration maxAge = Duration.ofMillis(lookup.getMaxAgeMs());
    Optional<CachedResult> found = tier.lookup(key, maxAge);
    Instant now = tier.now();
    if (found.isEmpty()) {
      edge.capture(new AnswerCapture(key, now, maxAge, lookup.getMaxCachedResultBytes()), tier::store);
      return false;
    }
    FrontendFramer.release(frames);
    CachedResult result = found.get();
    edge.answerFromCache(result, CacheAnswer.newBuilder()
        .setTier(CacheAnswer.Tier.ENDPOINT)
        .setRemainingTtlMs(result.remainingTtl(now).toMillis())
        .setAgeMs(Math.max(0, Duration.between(result.storedAt(), now).toMillis()))
        .build());
    edge.requestNext();
    return true;
  }

  /** A lone Query, or Parse/Bind/Describe/Execute messages ending in the only Sync. */
  private static boolean isOneRequest(List<ByteBuf> frames) {
    if (frames.isEmpty()) {
      return false;
    }
    if (frames.size() == 1 && Frames.tag(frames.get(0)) == QUERY) {
      return true;
    }
    for (int i = 0; i < frames.size() - 1; i++) {
      if (EXTENDED_REQUEST_TAGS.indexOf(Frames.tag(frames.get(i))) < 0) {
        return false;
      }
    }
    return Frames.tag(frames.get(frames.size() - 1)) == SYNC;
  }
}
