package dev.hyperdrive.edge.statements;

import dev.hyperdrive.wire.frontend.StatementKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One database's statement metadata, shared by all its sessions on this edge: which statements the
 * origin has accepted, and for those a driver described, their {@link StatementShape}. Learned from
 * the origin's answers as they pass through; an entry that turns out stale is forgotten. Bounded,
 * least recently used first out. Thread-safe: sessions run on different event loops.
 */
public final class StatementMetadataCache {
  /** What the cache knows of one statement: it parses, and maybe its shape. */
  public record Known(Optional<StatementShape> shape) {}

  private final Map<StatementKey, Known> entries;
  private final AtomicLong localAnswers = new AtomicLong();

  public StatementMetadataCache(int maxEntries) {
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<StatementKey, Known> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public synchronized Optional<Known> lookup(StatementKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The origin accepted a Parse of this statement; a shape learned earlier is kept. */
  public synchronized void parsed(StatementKey key) {
    entries.putIfAbsent(key, new Known(Optional.empty()));
  }

  /** The origin described this statement. */
  public synchronized void described(StatementKey key, StatementShape shape) {
    entries.put(key, new Known(Optional.of(shape)));
  }

  /** The origin refused or re-described this statement: stop answering for it. */
  public synchronized void forget(StatementKey key) {
    entries.remove(key);
  }

  /** A batch of this database was answered at the edge without a round trip. */
  void answeredLocally() {
    localAnswers.incrementAndGet();
  }

  /** How many batches were answered at the edge since start. */
  public long localAnswers() {
    return localAnswers.get();
  }

  public synchronized int size() {
    return entries.size();
  }
}
