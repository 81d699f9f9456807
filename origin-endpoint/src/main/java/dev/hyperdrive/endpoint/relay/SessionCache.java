package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.cache.SingleFlight;
import dev.hyperdrive.endpoint.cache.AnswerCapture;
import dev.hyperdrive.endpoint.cache.EndpointResultCache;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's use of the endpoint cache tier. A request the edge sent with a {@link CacheLookup} is
 * answered from the tier when the session is idle (no origin connection held, last ReadyForQuery 'I')
 * and the frames are exactly one request. On a miss, the first session to ask leads the key's flight: its
 * answer on the way to the edge is captured and stored; identical misses meanwhile (from any edge) wait
 * for it instead of asking the origin. The edge decided the request is cacheable and its key covers the
 * session's settings; the endpoint only re-checks what it can see itself. Used only on the session's loop.
 */
final class SessionCache {
  /** What became of a request that came with a lookup. */
  enum Outcome {
    /** Answered from the tier; its frames are released. */
    ANSWERED,
    /** Waiting for an identical request's answer; its frames are held, and come back if it must be relayed. */
    WAITING,
    /** Relay it as usual (the session keeps its frames). */
    RELAY
  }

  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);
  private static final byte QUERY = 'Q';
  private static final byte SYNC = 'S';
  private static final byte PARSE = 'P';
  /** Parse, Bind, Describe, Execute: what may precede the Sync of one cacheable execution. */
  private static final String EXTENDED_REQUEST_TAGS = "PBDE";

  private final EndpointResultCache tier;
  private final EdgeCall edge;
  private final EventLoop loop;
  private List<ByteBuf> held;
  private boolean closed;

  SessionCache(EndpointResultCache tier, EdgeCall edge, EventLoop loop) {
    this.tier = tier;
    this.edge = edge;
    this.loop = loop;
  }

  /**
   * Answers the request from the tier if it can, or waits for an identical one in flight; otherwise
   * arranges for the origin's answer to be stored.
   *
   * @param sessionIdle no origin connection is held and the last ReadyForQuery said 'I'
   * @param relayLater gets back the frames of a request that waited in vain, on the session's loop
   */
  Outcome answer(CacheLookup lookup, List<ByteBuf> frames, boolean sessionIdle, Consumer<List<ByteBuf>> relayLater) {
    if (!sessionIdle || !isOneRequest(frames)) {
      tier.countRelayed();
      log.debug("cache lookup ignored: {}", sessionIdle ? "not exactly one request" : "the session is not idle");
      return Outcome.RELAY;
    }
    CacheKey key;
    try {
      key = CacheKey.decode(lookup.getKey().toByteArray());
    } catch (IllegalArgumentException malformed) {
      log.debug("cache lookup ignored: malformed key ({})", malformed.getMessage());
      tier.countRelayed();
      return Outcome.RELAY;
    }
    Duration maxAge = Duration.ofMillis(lookup.getMaxAgeMs());
    Optional<CachedResult> found = tier.lookup(key, maxAge);
    if (found.isPresent()) {
      answerFrom(found.get(), frames);
      return Outcome.ANSWERED;
    }
    Instant askedAt = tier.now();
    SingleFlight.Role role = tier.flights().join(key, loop, result -> flightLanded(result, relayLater));
    switch (role) {
      case LEADER:
        tier.countRelayed();
        edge.capture(new AnswerCapture(askedAt, maxAge, lookup.getMaxCachedResultBytes()), result -> {
          result.ifPresent(entry -> tier.store(key, entry));
          tier.flights().land(key, result);
        });
        return Outcome.RELAY;
      case FOLLOWER:
        held = frames;
        return Outcome.WAITING;
      default:
        tier.countRelayed();
        return Outcome.RELAY;
    }
  }

  /** The session ended: a request still waiting is dropped. */
  void close() {
    closed = true;
    if (held != null) {
      FrontendFramer.release(held);
      held = null;
    }
  }

  private void flightLanded(Optional<CachedResult> result, Consumer<List<ByteBuf>> relayLater) {
    List<ByteBuf> frames = held;
    held = null;
    if (closed || frames == null) {
      return;
    }
    if (result.isPresent()) {
      answerFrom(result.get(), frames);
    } else {
      tier.countRelayed();
      relayLater.accept(frames);
    }
  }

  private void answerFrom(CachedResult result, List<ByteBuf> frames) {
    tier.countServed();
    FrontendFramer.release(frames);
    Instant now = tier.now();
    edge.answerFromCache(result, CacheAnswer.newBuilder()
        .setTier(CacheAnswer.Tier.ENDPOINT)
        .setRemainingTtlMs(result.remainingTtl(now).toMillis())
        .setAgeMs(Math.max(0, Duration.between(result.storedAt(), now).toMillis()))
        .build());
    edge.requestNext();
  }

  /**
   * A lone Query, or Parse/Bind/Describe/Execute messages ending in the only Sync. A Parse must be of the
   * unnamed statement: a named one has to reach the origin, or later Binds of it would find nothing there.
   */
  private static boolean isOneRequest(List<ByteBuf> frames) {
    if (frames.isEmpty()) {
      return false;
    }
    if (frames.size() == 1 && Frames.tag(frames.get(0)) == QUERY) {
      return true;
    }
    for (int i = 0; i < frames.size() - 1; i++) {
      ByteBuf frame = frames.get(i);
      byte tag = Frames.tag(frame);
      if (EXTENDED_REQUEST_TAGS.indexOf(tag) < 0 || (tag == PARSE && !parsesUnnamedStatement(frame))) {
        return false;
      }
    }
    return Frames.tag(frames.get(frames.size() - 1)) == SYNC;
  }

  /** The statement name is the body's first string: empty means just its terminating zero. */
  private static boolean parsesUnnamedStatement(ByteBuf parse) {
    return Frames.bodyLength(parse) > 0 && parse.getByte(parse.readerIndex() + 5) == 0;
  }
}
