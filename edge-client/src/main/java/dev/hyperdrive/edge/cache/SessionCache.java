package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheKey;
import dev.hyperdrive.cache.CacheStatus;
import dev.hyperdrive.cache.CachedResult;
import dev.hyperdrive.cache.Classification;
import dev.hyperdrive.cache.QueryContext;
import dev.hyperdrive.cache.SingleFlight;
import dev.hyperdrive.wire.ProtocolException;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Query;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /** This session relayed DDL whose transaction has not ended yet. */
  private boolean catalogChangeOpen;

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

  /** One batch being planned: what it would change, how the session stood, and who takes its Parse. */
  private record Planned(BatchEffects effects, boolean idleBefore, Optional<Parse> ownParse, ParseHandover handover,
      Consumer<Plan> later) {}

  /**
   * Decides what to do with a batch the session is about to relay. Does not take ownership of
   * {@code frames}.
   *
   * @param readyForQueryExpected how many ReadyForQuery the batch will be answered with
   * @param status the session's transaction status as of the last ReadyForQuery
   * @param relayBusy whether earlier batches are still being answered, or left a request open that ran
   *     something (one that only prepared statements and was answered in full does not count)
   * @param handover takes the Parse of a batch answered from the cache, so the origin still gets it
   * @param later receives the plan that replaces {@link Wait}, on the session's event loop
   */
  public Plan plan(ByteBuf frames, int readyForQueryExpected, TransactionStatus status, boolean relayBusy,
      ParseHandover handover, Consumer<Plan> later) {
    BatchMessages.Decoded decoded;
    try {
      decoded = BatchMessages.decode(frames);
    } catch (ProtocolException malformed) {
      return new Forward(AnswerObserver.NONE); // the origin will refuse it
    }
    BatchEffects effects = statements.effectsOf(decoded.stateChanging(), settings.standardConformingStrings());
    noticeCatalogChanges(decoded.stateChanging());
    boolean idleBefore = status == TransactionStatus.IDLE && !relayBusy;
    if (readyForQueryExpected == 0) {
      statements.carry(effects);
      // Should the edge answer the batch itself (Parse/Describe/Flush), its statements exist at once.
      return new Forward(new ObservedAnswer(this, effects.parsesOnly(), idleBefore));
    }
    effects = statements.withCarried(effects);
    Optional<CacheCandidate> candidate = decoded.all().flatMap(CacheCandidate::recognise);
    if (candidate.isEmpty()) {
      return new Forward(new ObservedAnswer(this, effects, idleBefore));
    }
    Optional<Parse> ownParse = candidate.get() instanceof CacheCandidate.Extended extended ? extended.parse()
        : Optional.empty();
    return planCandidate(candidate.get(), new Planned(effects, idleBefore, ownParse, handover, later));
  }

  private Plan planCandidate(CacheCandidate candidate, Planned batch) {
    String query;
    Optional<Parse> parse;
    if (candidate instanceof CacheCandidate.SimpleQuery simple) {
      query = simple.sql();
      parse = Optional.empty();
    } else {
      CacheCandidate.Extended extended = (CacheCandidate.Extended) candidate;
      parse = extended.parse().or(() -> statements.prepared(extended.statement()))
          .or(() -> preparedInOpenRequest(extended.statement(), batch));
      if (parse.isEmpty()) {
        return bypass(CacheStatus.UNCACHEABLE, batch); // a statement we did not see prepared
      }
      query = parse.get().query();
    }
    boolean catalogRead = cacheSettings.catalogCache() && batch.idleBefore()
        && tier.catalogReads().isCatalogRead(query, settings.standardConformingStrings());
    if (!catalogRead) { // a catalog read is answered even where result caching is off
      Classification classification = tier.classifier(database).classify(query,
          new QueryContext(cacheSettings.enabled(), !batch.idleBefore(), settings.standardConformingStrings()));
      if (classification instanceof Classification.Bypass bypass) {
        return bypass(bypass.status(), batch);
      }
    }
    if (!settings.trackable()) {
      return bypass(CacheStatus.UNCACHEABLE, batch);
    }
    if (!batch.effects().commands().isEmpty() || !handoverPossible(batch)) {
      // Settings carried from an earlier batch, or a statement name the origin must judge: ask the origin.
      return bypass(CacheStatus.MISS, batch);
    }
    CacheKey key;
    try {
      key = key(candidate, query, parse, catalogRead);
    } catch (IllegalArgumentException impossible) {
      return bypass(CacheStatus.UNCACHEABLE, batch); // e.g. format codes that do not fit
    }
    return lookUp(key, batch, catalogRead);
  }

  /**
   * The statement's Parse from the earlier part of this request (sent with Flush), when the session is idle:
   * then every answer to that part has arrived without an error, so the Parse succeeded.
   */
  private static Optional<Parse> preparedInOpenRequest(String statement, Planned batch) {
    if (!batch.idleBefore()) {
      return Optional.empty();
    }
    List<Parse> parses = batch.effects().parses();
    for (int i = parses.size() - 1; i >= 0; i--) {
      if (parses.get(i).statement().equals(statement)) {
        return Optional.of(parses.get(i));
      }
    }
    return Optional.empty();
  }

  private static boolean handoverPossible(Planned batch) {
    return batch.ownParse().map(batch.handover()::canPrepareWithoutOrigin).orElse(true);
  }

  private CacheKey key(CacheCandidate candidate, String query, Optional<Parse> parse, boolean catalogRead) {
    Map<String, String> keyed = settings.keyed();
    if (catalogRead) {
      // Entries made before the last DDL this edge relayed are never found again.
      keyed = new HashMap<>(keyed);
      keyed.put(CatalogChanges.KEY_SETTING, Long.toString(tier.catalogChanges().generation(database)));
    }
    if (candidate instanceof CacheCandidate.Extended extended) {
      return CacheKey.extended(database, keyed, extended.shape(), query,
          parse.map(Parse::parameterTypes).orElse(new int[0]), extended.bind().parameterFormats(),
          extended.bind().parameterValues(), extended.bind().resultFormats());
    }
    return CacheKey.simpleQuery(database, keyed, query);
  }

  private Plan lookUp(CacheKey key, Planned batch, boolean catalogRead) {
    CacheSettings applied = catalogRead ? cacheSettings.forCatalogReads() : cacheSettings;
    ResultCache.Lookup found = tier.results().lookup(key);
    if (found instanceof ResultCache.Fresh fresh) {
      return answer(fresh.result(), batch);
    }
    if (found instanceof ResultCache.Stale stale) {
      tier.statistics().recordStaleServed(database);
      BackgroundRefresh.startIfNoneRunning(tier, key, applied, refreshSource.get());
      return answer(stale.result(), batch);
    }
    RefreshSource source = refreshSource.get();
    SingleFlight.Role role = tier.flights().join(key, source.eventLoop(),
        result -> batch.later().accept(afterWaiting(result, batch)));
    switch (role) {
      case LEADER:
        return new Forward(new ObservedAnswer(this, batch.effects(), batch.idleBefore(), key, applied, !catalogRead));
      case FOLLOWER:
        return Wait.INSTANCE;
      default:
        return bypass(CacheStatus.MISS, batch);
    }
  }

  private Plan afterWaiting(Optional<CachedResult> result, Planned batch) {
    if (result.isPresent() && handoverPossible(batch)) {
      return answer(result.get(), batch);
    }
    return bypass(CacheStatus.MISS, batch);
  }

  /**
   * A hit. The batch's statements now exist for the driver: the cache keys later Binds of them, and the
   * origin is owed the batch's own Parse.
   */
  private Plan answer(CachedResult result, Planned batch) {
    record(CacheStatus.HIT);
    batch.ownParse().ifPresent(batch.handover()::preparedWithoutOrigin);
    statements.remember(batch.effects().parses());
    return new Answer(result);
  }

  private Plan bypass(CacheStatus status, Planned batch) {
    record(status);
    return new Forward(new ObservedAnswer(this, batch.effects(), batch.idleBefore()));
  }

  void record(CacheStatus status) {
    log.debug("database {}: {}", database, status);
    tier.statistics().record(database, status);
  }

  /**
   * DDL on its way to the origin: catalog-cache entries of the database are dropped now, and again when
   * this session's transaction has ended (until it commits, others still read the old catalog).
   */
  private void noticeCatalogChanges(List<FrontendMessage> stateChanging) {
    for (FrontendMessage message : stateChanging) {
      String sql = message instanceof Query query ? query.sql() : message instanceof Parse parse ? parse.query() : null;
      if (sql != null && CatalogChanges.changesCatalog(sql, settings.standardConformingStrings())) {
        tier.catalogChanges().changed(database);
        catalogChangeOpen = true;
      }
    }
  }

  /** A relayed batch was answered. */
  void onAnswered(TransactionStatus status) {
    if (catalogChangeOpen && status == TransactionStatus.IDLE) {
      catalogChangeOpen = false;
      tier.catalogChanges().changed(database);
    }
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
