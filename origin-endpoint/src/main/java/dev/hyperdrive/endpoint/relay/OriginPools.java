package dev.hyperdrive.endpoint.relay;

import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.prepared.ServerStatementNames;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pools of the databases this endpoint site serves, by the name edges use for them. */
public final class OriginPools implements AutoCloseable {
  private final String site;
  private final Map<String, OriginPool> byName = new LinkedHashMap<>();
  private final Map<String, ServerStatementNames> statementNames = new LinkedHashMap<>();

  public OriginPools(String site, List<OriginPool> pools) {
    this.site = site;
    for (OriginPool pool : pools) {
      byName.put(pool.database(), pool);
      statementNames.put(pool.database(), new ServerStatementNames());
    }
  }

  public String site() {
    return site;
  }

  /** Null when this site does not serve {@code database}. */
  public OriginPool pool(String database) {
    return byName.get(database);
  }

  /** The database's shared prepared-statement names; null when this site does not serve it. */
  public ServerStatementNames statementNames(String database) {
    return statementNames.get(database);
  }

  public Collection<OriginPool> all() {
    return byName.values();
  }

  @Override
  public void close() {
    byName.values().forEach(OriginPool::close);
  }
}
