package dev.hyperdrive.edge.cache;

import dev.hyperdrive.cache.CacheStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests ended with each {@link CacheStatus}, per database, plus background refreshes; the
 * counters metrics and admin views read. Thread-safe and cheap to bump from any event loop.
 */
public final class CacheStatistics {
  private final Map<String, EnumMap<CacheStatus, LongAdder>> byDatabase = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> staleServed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refreshes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> endpointHits = new ConcurrentHashMap<>();

  public void record(String database, CacheStatus status) {
    counters(database).get(status).increment();
  }

  /** A hit that served a stale entry (also counted as {@code hit}). */
  public void recordStaleServed(String database) {
    staleServed.computeIfAbsent(database, name -> new LongAdder()).increment();
  }

  /** A background refresh stored a new entry. */
  public void recordRefresh(String database) {
    refreshes.computeIfAbsent(database, name -> new LongAdder()).increment();
  }

  /** A miss of this tier that the endpoint's tier answered (also counted as {@code miss}). */
  public void recordEndpointHit(String database) {
    endpointHits.computeIfAbsent(database, name -> new LongAdder()).increment();
  }

  public long endpointHits(String database) {
    LongAdder counter = endpointHits.get(database);
    return counter == null ? 0 : counter.sum();
  }

  public long count(String database, CacheStatus status) {
    EnumMap<CacheStatus, LongAdder> counters = byDatabase.get(database);
    return counters == null ? 0 : counters.get(status).sum();
  }

  public long staleServed(String database) {
    LongAdder counter = staleServed.get(database);
    return counter == null ? 0 : counter.sum();
  }

  public long refreshes(String database) {
    LongAdder counter = refreshes.get(database);
    return counter == null ? 0 : counter.sum();
  }

  /** Every status with its count for one database, zeros included, in the enum's order. */
  public Map<CacheStatus, Long> snapshot(String database) {
    Map<CacheStatus, Long> snapshot = new EnumMap<>(CacheStatus.class);
    for (CacheStatus status : CacheStatus.values()) {
      snapshot.put(status, count(database, status));
    }
    return snapshot;
  }

  private EnumMap<CacheStatus, LongAdder> counters(String database) {
    return byDatabase.computeIfAbsent(database, name -> {
      EnumMap<CacheStatus, LongAdder> counters = new EnumMap<>(CacheStatus.class);
      for (CacheStatus status : CacheStatus.values()) {
        counters.put(status, new LongAdder());
      }
      return counters;
    });
  }
}
