package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.endpoint.origin.OriginConnection;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The pool's idle connections, most recently used first: reusing the warmest connection lets the
 * others age out under server_idle_timeout when load drops (PgBouncer's server_round_robin = 0).
 * Guarded by the owning pool's lock.
 */
final class IdleConnections {
  private record Entry(OriginConnection connection, long idleSinceNanos) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  void push(OriginConnection connection) {
    entries.addFirst(new Entry(connection, System.nanoTime()));
  }

  OriginConnection pop() {
    Entry entry = entries.pollFirst();
    return entry == null ? null : entry.connection();
  }

  /**
   * The most recently used connection served by {@code loop}, else the most recently used one. A session
   * whose loop also serves its connection handles the origin's answers without a thread hop each way.
   */
  OriginConnection pop(EventExecutor loop) {
    if (loop != null) {
      Iterator<Entry> mostRecentFirst = entries.iterator();
      while (mostRecentFirst.hasNext()) {
        Entry entry = mostRecentFirst.next();
        if (entry.connection().eventLoop() == loop) {
          mostRecentFirst.remove();
          return entry.connection();
        }
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
