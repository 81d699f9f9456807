package dev.hyperdrive.endpoint.directory;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.probe.OriginSettingsReader;
import dev.hyperdrive.endpoint.relay.OriginPools;
import dev.hyperdrive.proto.placement.DatabaseOrigin;
import dev.hyperdrive.proto.placement.OriginCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies placement's origin catalog to the endpoint's pools: a database new to the catalog gets a pool,
 * one whose origin or pool settings changed gets a new pool (the old one closes: sessions holding a
 * connection finish their transaction on it), one gone from the catalog is no longer served (its pool
 * closes the same way; a session's next transaction gets 57P01). Databases of endpoint.yaml are never
 * touched: on a name clash the file wins. Not thread-safe; the directory client calls it from one thread.
 */
public final class LearnedDatabases {
  private static final Logger log = LoggerFactory.getLogger(LearnedDatabases.class);

  private final OriginPools pools;
  private final Set<String> fromFile;
  private final PoolFactory factory;
  private final Map<String, DatabaseOrigin> learned = new HashMap<>();
  private final Set<String> clashesLogged = new HashSet<>();

  public LearnedDatabases(OriginPools pools, Set<String> fromFile, PoolFactory factory) {
    this.pools = pools;
    this.fromFile = Set.copyOf(fromFile);
    this.factory = factory;
  }

  /** The names served because placement listed them (not those of endpoint.yaml). */
  public Set<String> names() {
    return Set.copyOf(learned.keySet());
  }

  public void apply(OriginCatalog catalog) {
    Map<String, DatabaseOrigin> wanted = new HashMap<>();
    for (DatabaseOrigin database : catalog.getDatabasesList()) {
      if (fromFile.contains(database.getName())) {
        if (clashesLogged.add(database.getName())) {
          log.info("database {} is in endpoint.yaml and in placement's catalog; serving the file's settings",
              database.getName());
        }
        continue;
      }
      wanted.put(database.getName(), database);
    }
    for (String name : Set.copyOf(learned.keySet())) {
      if (!wanted.containsKey(name)) {
        learned.remove(name);
        closeQuietly(pools.remove(name));
        log.info("database {} left placement's catalog: no longer served, open sessions end at their next transaction",
            name);
      }
    }
    wanted.forEach((name, database) -> {
      if (!database.equals(learned.get(name))) {
        serve(database);
      }
    });
  }

  private void serve(DatabaseOrigin database) {
    String name = database.getName();
    OriginPool pool;
    try {
      pool = open(database);
    } catch (RuntimeException e) {
      // Placement validated it, so this is rare (an unusable CA); keep whatever was served before.
      log.warn("cannot serve database {} from placement's catalog: {}", name, e.getMessage());
      return;
    }
    boolean replacing = learned.put(name, database) != null;
    closeQuietly(pools.put(pool));
    log.info("{} database {} from placement: origin {}@{}:{}/{}, default_pool_size {}",
        replacing ? "updated" : "serving", name, database.getOrigin().getUser(), database.getOrigin().getHost(),
        database.getOrigin().getPort(), database.getOrigin().getDatabase(), pool.settings().defaultPoolSize());
  }

  private OriginPool open(DatabaseOrigin database) {
    PoolSettings settings = database.getPool().getDefaultPoolSize() > 0
        ? PoolSettings.DEFAULTS.withDefaultPoolSize(database.getPool().getDefaultPoolSize())
        : PoolSettings.DEFAULTS;
    if (!OriginSettingsReader.needsCaFile(database.getOrigin())) {
      return factory.open(database.getName(), OriginSettingsReader.toOriginConfig(database.getOrigin(), null), settings);
    }
    Path caFile = OriginSettingsReader.writeCa(database.getOrigin().getCaCertificatePem());
    try {
      // The pool's connector reads sslrootcert once, when built; the file is not needed afterwards.
      OriginConfig origin = OriginSettingsReader.toOriginConfig(database.getOrigin(), caFile);
      return factory.open(database.getName(), origin, settings);
    } finally {
      OriginSettingsReader.deleteQuietly(caFile);
    }
  }

  private static void closeQuietly(OriginPool pool) {
    if (pool != null) {
      pool.close();
    }
  }
}
