package dev.hyperdrive.endpoint.directory;

import dev.hyperdrive.endpoint.config.OriginConfig;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.endpoint.pool.OriginPool;

/** How the endpoint opens a started pool for one database (its connector, event loops and site name). */
@FunctionalInterface
public interface PoolFactory {
  OriginPool open(String database, OriginConfig origin, PoolSettings settings);
}
