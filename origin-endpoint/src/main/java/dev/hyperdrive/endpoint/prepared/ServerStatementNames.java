package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.wire.frontend.StatementKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global map of one database (PgDog's global cache): each distinct statement, by query text and
 * parameter types, has one server-side name {@code hd_<n>}, used on every origin connection that holds
 * it, so equivalent statements from many clients share one server-side statement. Thread-safe: every
 * session of the database uses it.
 *
 * <p>Clients never see these names, and every statement name the relay sends to the origin is one of
 * them (or {@link #ABSENT}), so a client's own statement names can never reach another client's statement.
 */
public final class ServerStatementNames {
  /** A name no statement ever has: the relay's probes name it to get a guaranteed answer or error. */
  static final String ABSENT = "hd_absent";
  private static final String PREFIX = "hd_";

  private final ConcurrentMap<StatementKey, String> names = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final Set<StatementKey> parsedSomewhere = ConcurrentHashMap.newKeySet();

  /** The server-side name of {@code key}, assigned on first use. */
  String nameFor(StatementKey key) {
    return names.computeIfAbsent(key, unnamed -> PREFIX + counter.incrementAndGet());
  }

  /**
   * The origin said a statement's cached plan no longer fits its result type (the schema changed). The
   * key gets a fresh name, so every connection prepares it anew when next used; connections that still
   * hold the stale name evict it in time. Only the first session to see the error renames.
   */
  void retire(StatementKey key, String staleName) {
    names.replace(key, staleName, PREFIX + counter.incrementAndGet());
  }

  /** The origin accepted a Parse of {@code key} on some connection. */
  void parsedSuccessfully(StatementKey key) {
    parsedSomewhere.add(key);
  }

  /** Whether the origin has ever accepted {@code key}: a client's Parse of it can be answered without asking. */
  boolean knownValid(StatementKey key) {
    return parsedSomewhere.contains(key);
  }

  int size() {
    return names.size();
  }
}
