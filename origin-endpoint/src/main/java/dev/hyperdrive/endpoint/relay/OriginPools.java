package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.prepared.ServerStatementNames;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The pools of the databases this endpoint site serves, by the name edges use for them: those of
 * endpoint.yaml, fixed at start, and those learned from placement, added, replaced and removed at run
 * time. Lookups (every session open) are lock-free map reads.
 */
public final class OriginPools implements AutoCloseable {
  private final String site;
  private final Map<String, OriginPool> byName = new ConcurrentHashMap<>();
  private final List<Consumer<String>> databaseListeners = new CopyOnWriteArrayList<>();
  // Kept when a pool is replaced or removed: the names stay valid for any connection of the database,
  // and a session that looked up its pool just before a removal still finds them.
  private final Map<String, ServerStatementNames> statementNames = new ConcurrentHashMap<>();

  public OriginPools(String site, List<OriginPool> pools) {
    this.site = site;
    pools.forEach(this::put);
  }

  public String site() {
    return site;
  }

  /** Null when this site does not serve {@code database}. */
  public OriginPool pool(String database) {
    return byName.get(database);
  }

  /** The database's shared prepared-statement names; null when this site never served it. */
  public ServerStatementNames statementNames(String database) {
    return statementNames.get(database);
  }

  public Collection<OriginPool> all() {
    return byName.values();
  }

  /**
   * Serves {@code pool} for its database from now on; returns the pool it replaces (null if none),
   * which the caller closes.
   */
  public OriginPool put(OriginPool pool) {
    statementNames.computeIfAbsent(pool.database(), name -> new ServerStatementNames());
    OriginPool replaced = byName.put(pool.database(), pool);
    databaseListeners.forEach(listener -> listener.accept(pool.database()));
    return replaced;
  }

  /** Tells {@code listener} the name of every database served now and of each one served from now on. */
  public void onDatabaseServed(Consumer<String> listener) {
    databaseListeners.add(listener);
    byName.keySet().forEach(listener);
  }

  /** Stops serving {@code database} to new sessions; returns its pool (null if none), which the caller closes. */
  public OriginPool remove(String database) {
    return byName.remove(database);
  }

  @Override
  public void close() {
    byName.values().forEach(OriginPool::close);
  }
}
