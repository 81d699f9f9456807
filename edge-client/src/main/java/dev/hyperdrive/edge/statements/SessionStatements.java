package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.frontend.StatementKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one session's statements are, as far as the edge knows: those it answered locally and the
 * origin has not seen yet ({@link PendingStatement}s), and those the origin prepared for the session.
 * The second set may name statements that SQL-level DEALLOCATE or DISCARD removed since; that only
 * costs a local answer, never a wrong one.
 */
final class SessionStatements implements StatementEvents {
  private final StatementMetadataCache cache;
  private final Map<String, PendingStatement> pending = new HashMap<>();
  private final Map<String, StatementKey> atOrigin = new HashMap<>();

  SessionStatements(StatementMetadataCache cache) {
    this.cache = cache;
  }

  StatementMetadataCache cache() {
    return cache;
  }

  Optional<PendingStatement> pending(String name) {
    return Optional.ofNullable(pending.get(name));
  }

  Collection<PendingStatement> allPending() {
    return pending.values();
  }

  void putPending(PendingStatement statement) {
    pending.put(statement.name(), statement);
  }

  void dropPending(String name) {
    pending.remove(name);
  }

  /** Whether the origin may hold a statement of this name for the session (then a Parse of it must fail). */
  boolean mayBeAtOrigin(String name) {
    return atOrigin.containsKey(name);
  }

  /** The statement's query and types, if the edge knows them. */
  Optional<StatementKey> keyOf(String name) {
    PendingStatement local = pending.get(name);
    return local != null ? Optional.of(local.key()) : Optional.ofNullable(atOrigin.get(name));
  }

  @Override
  public void parsed(Expectation parse) {
    cache.parsed(parse.key());
    atOrigin.put(parse.statement(), parse.key());
    PendingStatement local = pending.get(parse.statement());
    if (parse.injected() && local != null && local.sending()) {
      pending.remove(parse.statement());
    }
  }

  @Override
  public void failed(Expectation request) {
    if (!request.injected()) {
      return;
    }
    // The statement no longer parses or describes (a schema change: 0A000), or the transaction is aborted:
    // the driver saw the error in place of its own request's answer, as from PostgreSQL. The edge stops
    // answering for the statement; the driver still believes it exists, so it stays pending until the
    // origin has accepted its Parse.
    cache.forget(request.key());
    PendingStatement local = pending.get(request.statement());
    if (request.kind() == Expectation.Kind.PARSE && local != null && local.sending()) {
      pending.put(request.statement(), local.sending(false));
    }
  }

  @Override
  public void described(Expectation describe, StatementShape shape) {
    if (describe.key() != null) {
      cache.described(describe.key(), shape);
    }
  }

  @Override
  public void shapeChanged(Expectation describe) {
    cache.forget(describe.key());
  }

  @Override
  public void closed(Expectation close) {
    atOrigin.remove(close.statement());
  }
}
