package dev.hyperdrive.edge.statements;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The edge's statement metadata caches, one per database name. */
public final class StatementMetadataCaches {
  /** Enough for any application's set of distinct statements; a few MiB at most. */
  public static final int DEFAULT_MAX_ENTRIES_PER_DATABASE = 10_000;

  private final ConcurrentMap<String, StatementMetadataCache> byDatabase = new ConcurrentHashMap<>();
  private final int maxEntriesPerDatabase;

  public StatementMetadataCaches(int maxEntriesPerDatabase) {
    this.maxEntriesPerDatabase = maxEntriesPerDatabase;
  }

  public StatementMetadataCache forDatabase(String database) {
    return byDatabase.computeIfAbsent(database, name -> new StatementMetadataCache(maxEntriesPerDatabase));
  }
}
