package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.cache.Classification;
import dev.hyperdrive.cache.QueryContext;
import dev.hyperdrive.cache.SingleFlight;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.Parse;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver session's view of the edge cache tier. For every batch the session is about to relay it
 * decides, as a {@link Plan}, whether to answer it from the cache, wait for an identical request already
 * on its way to the origin, or relay it (watching the answer to store it, and to follow the SETs and
 * prepared statements the cache keys depend on). Every cache candidate is counted under exactly one
 * {@link CacheStatus}. Runs on the session's event loop.
 */
public final class SessionCache {
  /** What to do with a batch. */
  public sealed interface Plan permits Answer, Forward, Wait {}

  /** Write the entry's frames and ReadyForQuery(I) to the driver; nothing goes to the endpoint. */
  public record Answer(CachedResult result) implements Plan {}

  /** Relay the batch and feed its answer to {@code observer}. */
  public record Forward(AnswerObserver observer) implements Plan {}

  /** Hold the batch: the callback given to {@link #plan} brings an Answer or a Forward later. */
  public enum Wait implements Plan { INSTANCE }

  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);

  private final EdgeCacheTier tier;
  private final String database;
  private final CacheSettings cacheSettings;
  private final SessionSettings settings;
  private final SessionStatements statements = new SessionStatements();
  private final Supplier<RefreshSource> refreshSource;

  public SessionCache(EdgeCacheTier tier, String database, CacheSettings cacheSettings, SessionSettings settings,
      Supplier<RefreshSource> refreshSource) {
    this.tier = tier;
    this.database = database;
    this.cacheSettings = cacheSettings;
    this.settings = settings;
    this.refreshSource = refreshSource;
  }

  public SessionSettings settings() {
    return settings;
  }

  /**
   * Decides what to do with a batch the session is about to relay. Does not take ownership of
   * {@code frames}.
   *
   * @param readyForQueryExpected how many ReadyForQuery the batch will be answered with
   * @param status the session's transaction status as of the last ReadyForQuery
   * @param relayBusy whether earlier batches are still being answered
   * @param later receives the plan that replaces {@link Wait}, on the session's event loop
   */
  public Plan plan(ByteBuf frames, int readyForQueryExpected, TransactionStatus status, boolean relayBusy,
      Consumer<Plan> later) {
    BatchMessages.Decoded decoded;
    try {
      decoded = BatchMessages.decode(frames);
    } catch (ProtocolException malformed) {
      return new Forward(AnswerObserver.NONE); // the origin will refuse it
    }
    BatchEffects effects = statements.effectsOf(decoded.stateChanging(), settings.standardConformingStrings());
    boolean idleBefore = status == TransactionStatus.IDLE && !relayBusy;
    if (readyForQueryExpected == 0) {
      statements.carry(effects);
      return new Forward(AnswerObserver.NONE);
    }
    effects = statements.withCarried(effects);
    Optional<CacheCandidate> candidate = decoded.all().flatMap(CacheCandidate::recognise);
    if (candidate.isEmpty()) {
      return new Forward(new ObservedAnswer(this, effects, idleBefore));
    }
    return planCandidate(candidate.get(), effects, idleBefore, later);
  }

  private Plan planCandidate(CacheCandidate candidate, BatchEffects effects, boolean idleBefore, Consumer<Plan> later) {
    String query;
    Optional<Parse> parse;
    if (candidate instanceof CacheCandidate.SimpleQuery simple) {
      query = simple.sql();
      parse = Optional.empty();
    } else {
      CacheCandidate.Extended extended = (CacheCandidate.Extended) candidate;
      parse = extended.parse().or(() -> statements.named(extended.statement()));
      if (parse.isEmpty()) {
        return bypass(CacheStatus.UNCACHEABLE, effects, idleBefore); // a statement we did not see prepared
      }
      query = parse.get().query();
    }
    Classification classification = tier.classifier(database).classify(query,
        new QueryContext(cacheSettings.enabled(), !idleBefore, settings.standardConformingStrings()));
    if (classification instanceof Classification.Bypass bypass) {
      return bypass(bypass.status(), effects, idleBefore);
    }
    if (!settings.trackable()) {
      return bypass(CacheStatus.UNCACHEABLE, effects, idleBefore);
    }
    if (effects.createsNamedStatement()) {
      // Answering locally would leave the origin without the statement the driver now believes exists.
      return bypass(CacheStatus.MISS, effects, idleBefore);
    }
    CacheKey key;
    try {
      key = key(candidate, query, parse);
    } catch (IllegalArgumentException impossible) {
      return bypass(CacheStatus.UNCACHEABLE, effects, idleBefore); // e.g. format codes that do not fit
    }
    return lookUp(key, effects, idleBefore, later);
  }

  private CacheKey key(CacheCandidate candidate, String query, Optional<Parse> parse) {
    if (candidate instanceof CacheCandidate.Extended extended) {
      return CacheKey.extended(database, settings.keyed(), extended.shape(), query,
          parse.map(Parse::parameterTypes).orElse(new int[0]), extended.bind().parameterFormats(),
          extended.bind().parameterValues(), extended.bind().resultFormats());
    }
    return CacheKey.simpleQuery(database, settings.keyed(), query);
  }

  private Plan lookUp(CacheKey key, BatchEffects effects, boolean idleBefore, Consumer<Plan> later) {
    ResultCache.Lookup found = tier.results().lookup(key);
    if (found instanceof ResultCache.Fresh fresh) {
      record(CacheStatus.HIT);
      return new Answer(fresh.result());
    }
    if (found instanceof ResultCache.Stale stale) {
      record(CacheStatus.HIT);
      tier.statistics().recordStaleServed(database);
      BackgroundRefresh.startIfNoneRunning(tier, key, cacheSettings, refreshSource.get());
      return new Answer(stale.result());
    }
    RefreshSource source = refreshSource.get();
    SingleFlight.Role role = tier.flights().join(key, source.eventLoop(), result -> later.accept(afterWaiting(result, effects, idleBefore)));
    switch (role) {
      case LEADER:
        return new Forward(new ObservedAnswer(this, effects, idleBefore, key));
      case FOLLOWER:
        return Wait.INSTANCE;
      default:
        return bypass(CacheStatus.MISS, effects, idleBefore);
    }
  }

  private Plan afterWaiting(Optional<CachedResult> result, BatchEffects effects, boolean idleBefore) {
    if (result.isPresent()) {
      record(CacheStatus.HIT);
      return new Answer(result.get());
    }
    return bypass(CacheStatus.MISS, effects, idleBefore);
  }

  private Plan bypass(CacheStatus status, BatchEffects effects, boolean idleBefore) {
    record(status);
    return new Forward(new ObservedAnswer(this, effects, idleBefore));
  }

  void record(CacheStatus status) {
    log.debug("database {}: {}", database, status);
    tier.statistics().record(database, status);
  }

  /** A ParameterStatus the origin sent on this session's relay. */
  public void onParameterStatus(String name, String value) {
    settings.onParameterStatus(name, value);
  }

  String database() {
    return database;
  }

  EdgeCacheTier tier() {
    return tier;
  }

  CacheSettings cacheSettings() {
    return cacheSettings;
  }

  SessionStatements statements() {
    return statements;
  }
}
