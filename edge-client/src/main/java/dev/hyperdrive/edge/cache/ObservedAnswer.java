package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.cache.SessionCommand;
import dev.hyperdrive.proto.relay.CacheAnswer;
import dev.hyperdrive.proto.relay.CacheLookup;
import dev.hyperdrive.wire.TransactionStatus;
import java.nio.ByteBuffer;
import com.google.protobuf.UnsafeByteOperations;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer to one relayed batch, watched: when it ends, the batch's effects are applied to the
 * session (only if it succeeded, and settings only if it ran outside a transaction), and for a cache
 * miss that leads its flight the captured answer is stored, if it is complete, error-free and within
 * {@code max_cached_result_bytes}, and handed to the misses that waited for it.
 */
final class ObservedAnswer implements AnswerObserver {
  private final SessionCache cache;
  private final BatchEffects effects;
  private final boolean idleBefore;
  private final CacheKey key;
  /** The database's settings, or the catalog cache's for a catalog read. */
  private final CacheSettings settings;
  /** Whether the endpoint's tier may answer and keep this request; catalog reads stay at the edge. */
  private final boolean sharedWithEndpoint;
  private final ResponseCapture capture;
  /** An entry ages from when the origin was asked, so it is never served past max_age after it was made. */
  private final Instant askedAt;
  private boolean sawError;
  private boolean finished;
  /** Set when the endpoint answered from its tier: the entry keeps the age and expiry it had there. */
  private CacheAnswer endpointAnswer;
  /** When the endpoint's answer arrived: its age and remaining TTL were measured then, not at storing. */
  private Instant endpointAnsweredAt;

  /** Watches a batch for its effects only. */
  ObservedAnswer(SessionCache cache, BatchEffects effects, boolean idleBefore) {
    this(cache, effects, idleBefore, null, cache.cacheSettings(), false);
  }

  /**
   * Watches a cache miss that leads the flight for {@code key}.
   *
   * @param sharedWithEndpoint false for catalog reads: only the edge sees the DDL that makes them stale
   */
  ObservedAnswer(SessionCache cache, BatchEffects effects, boolean idleBefore, CacheKey key, CacheSettings settings,
      boolean sharedWithEndpoint) {
    this.cache = cache;
    this.settings = settings;
    this.sharedWithEndpoint = sharedWithEndpoint;
    this.effects = effects;
    this.idleBefore = idleBefore;
    this.key = key;
    this.capture = key == null ? null : new ResponseCapture((int) settings.maxCachedResultBytes());
    this.askedAt = cache.tier().results().now();
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (capture != null && !capture.complete()) {
      capture.accept(bytes);
    }
  }

  @Override
  public Optional<CacheLookup> endpointLookup() {
    if (key == null || !sharedWithEndpoint) {
      return Optional.empty();
    }
    return Optional.of(CacheLookup.newBuilder()
        .setKey(UnsafeByteOperations.unsafeWrap(key.encode()))
        .setMaxAgeMs(settings.maxAge().toMillis())
        .setStaleWhileRevalidateMs(settings.staleWhileRevalidate().toMillis())
        .setMaxCachedResultBytes(settings.maxCachedResultBytes())
        .build());
  }

  @Override
  public void onCacheAnswer(CacheAnswer answer) {
    if (answer.getTier() == CacheAnswer.Tier.ENDPOINT && !finished) {
      endpointAnswer = answer;
      endpointAnsweredAt = cache.tier().results().now();
      // Counted before the answer reaches the driver, so whoever reads the counters after it sees it.
      cache.tier().statistics().recordEndpointHit(cache.database());
    }
  }

  @Override
  public void onErrorResponse() {
    sawError = true;
  }

  @Override
  public void onAnswered(TransactionStatus status) {
    if (finished) {
      return;
    }
    finished = true;
    applyEffects(status);
    cache.onAnswered(status);
    if (key != null) {
      storeCapture(status);
    }
  }

  @Override
  public void onAbandoned() {
    if (!finished && key != null) {
      cache.record(CacheStatus.MISS);
      cache.tier().flights().land(key, Optional.empty());
    }
    finished = true;
  }

  private void applyEffects(TransactionStatus status) {
    SessionSettings settings = cache.settings();
    boolean settled = idleBefore && status == TransactionStatus.IDLE;
    for (SessionCommand command : effects.commands()) {
      if (command instanceof SessionCommand.Untrackable) {
        settings.apply(command);
      } else if (!sawError && changesSettings(command)) {
        if (settled) {
          settings.apply(command);
        } else {
          // A SET inside a transaction lasts or not depending on how the transaction ends.
          settings.giveUp("settings changed inside a transaction");
        }
      }
    }
    if (!sawError) {
      cache.statements().remember(effects.parses());
    }
  }

  private static boolean changesSettings(SessionCommand command) {
    return command instanceof SessionCommand.Set || command instanceof SessionCommand.Reset
        || command == SessionCommand.ResetAll.INSTANCE || command == SessionCommand.DiscardAll.INSTANCE;
  }

  private void storeCapture(TransactionStatus status) {
    Optional<CachedResult> stored = Optional.empty();
    if (capture.oversized()) {
      cache.record(CacheStatus.OVERSIZED_RESULT);
    } else {
      cache.record(CacheStatus.MISS);
      if (!sawError && status == TransactionStatus.IDLE && capture.complete()) {
        stored = store();
      }
    }
    cache.tier().flights().land(key, stored);
  }

  private Optional<CachedResult> store() {
    ResultCache results = cache.tier().results();
    try {
      CachedResult result = endpointAnswer == null
          ? CachedResult.of(capture.frames(), askedAt, settings.maxAge())
          : EndpointAnswers.entry(capture.frames(), endpointAnswer, endpointAnsweredAt, settings.maxAge());
      results.store(key, result, settings.staleWhileRevalidate());
      ShapeVariants.of(key, result.frames()).forEach((variant, frames) -> results.store(variant,
          CachedResult.of(frames, result.storedAt(), result.expiresAt()), settings.staleWhileRevalidate()));
      return Optional.of(result);
    } catch (IllegalArgumentException notACompleteAnswer) {
      return Optional.empty(); // a notice, a ParameterStatus, a notification came with it
    }
  }
}
