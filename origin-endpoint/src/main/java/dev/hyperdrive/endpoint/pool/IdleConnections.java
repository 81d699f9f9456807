package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;

/**
 * The pool's idle connections, most recently used first: reusing the warmest connection lets the
 * others age out under server_idle_timeout when load drops (PgBouncer's server_round_robin = 0).
 * Guarded by the owning pool's lock.
 */
final class IdleConnections {
  private record Entry(OriginConnection connection, long idleSinceNanos) {}

  /** How far down the most-recently-used order a same-loop connection is looked for (keeps the LIFO aging). */
  static final int AFFINITY_SCAN = 8;

  private final Deque<Entry> entries = new ArrayDeque<>();

  void push(OriginConnection connection) {
    entries.addFirst(new Entry(connection, System.nanoTime()));
  }

  OriginConnection pop() {
    Entry entry = entries.pollFirst();
    return entry == null ? null : entry.connection();
  }

  /**
   * Like {@link #pop()}, but prefers, among the {@value #AFFINITY_SCAN} most recently used, a connection
   * whose I/O runs on {@code loop}: a session on the same event loop then writes to it and hears from it
   * without a thread hand-off either way.
   */
  OriginConnection pop(Executor loop) {
    int scanned = 0;
    for (Iterator<Entry> recentFirst = entries.iterator(); recentFirst.hasNext() && scanned < AFFINITY_SCAN;
        scanned++) {
      Entry entry = recentFirst.next();
      if (entry.connection().eventLoop() == loop) {
        recentFirst.remove();
        return entry.connection();
      }
    }
    return pop();
  }

  boolean remove(OriginConnection connection) {
    return entries.removeIf(entry -> entry.connection() == connection);
  }

  int size() {
    return entries.size();
  }

  /**
   * Removes and returns, oldest-idle first, the connections {@code expired} accepts (given the connection
   * and how long it has been idle in nanoseconds), stopping when {@code limit} are removed.
   */
  List<OriginConnection> removeExpired(long nowNanos, int limit, BiPredicate<OriginConnection, Long> expired) {
    List<OriginConnection> removed = new ArrayList<>();
    Iterator<Entry> oldestFirst = entries.descendingIterator();
    while (oldestFirst.hasNext() && removed.size() < limit) {
      Entry entry = oldestFirst.next();
      if (expired.test(entry.connection(), nowNanos - entry.idleSinceNanos())) {
        oldestFirst.remove();
        removed.add(entry.connection());
      }
    }
    return removed;
  }

  List<OriginConnection> removeAll() {
    List<OriginConnection> all = new ArrayList<>();
    for (Entry entry : entries) {
      all.add(entry.connection());
    }
    entries.clear();
    return all;
  }
}
