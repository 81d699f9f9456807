package dev.hyperdrive.endpoint.config;

import dev.hyperdrive.config.ConfigNode;
import java.time.Duration;
import java.util.Objects;

/**
 * One database's origin pool limits, named and defaulted as in PgBouncer
 * (https://www.pgbouncer.org/config.html) so operators recognise them. None is reloadable yet: a
 * change takes effect on restart.
 *
 * @param defaultPoolSize most origin connections open at once (default 20)
 * @param minPoolSize connections kept open even when idle (default 0)
 * @param serverIdleTimeout an idle connection older than this is closed (default 10 min)
 * @param serverLifetime a connection older than this is closed when it is next idle (default 1 h)
 * @param serverConnectTimeout TCP connect + TLS + login must finish within this (default 15 s)
 * @param queryWaitTimeout a client waiting longer for a free connection gets SQLSTATE 53300 (default 120 s)
 * @param maxPreparedStatements protocol-level prepared statements kept on each origin connection; beyond
 *     it the least recently used is closed and re-prepared when next needed (default 200, as PgBouncer)
 * @param timeouts query_timeout, idle_transaction_timeout and statement_timeout (all off by default)
 */
public record PoolSettings(
    int defaultPoolSize,
    int minPoolSize,
    Duration serverIdleTimeout,
    Duration serverLifetime,
    Duration serverConnectTimeout,
    Duration queryWaitTimeout,
    int maxPreparedStatements,
    TimeoutSettings timeouts) {

  public static final int DEFAULT_MAX_PREPARED_STATEMENTS = 200;

  public static final PoolSettings DEFAULTS = new PoolSettings(
      20, 0, Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofSeconds(15), Duration.ofSeconds(120));

  /** Settings with the default {@code max_prepared_statements} and timeouts. */
  public PoolSettings(int defaultPoolSize, int minPoolSize, Duration serverIdleTimeout, Duration serverLifetime,
      Duration serverConnectTimeout, Duration queryWaitTimeout) {
    this(defaultPoolSize, minPoolSize, serverIdleTimeout, serverLifetime, serverConnectTimeout, queryWaitTimeout,
        DEFAULT_MAX_PREPARED_STATEMENTS, TimeoutSettings.DEFAULTS);
  }

  public PoolSettings {
    Objects.requireNonNull(serverIdleTimeout, "serverIdleTimeout");
    Objects.requireNonNull(serverLifetime, "serverLifetime");
    Objects.requireNonNull(serverConnectTimeout, "serverConnectTimeout");
    Objects.requireNonNull(queryWaitTimeout, "queryWaitTimeout");
    Objects.requireNonNull(timeouts, "timeouts");
    if (defaultPoolSize < 1) {
      throw new IllegalArgumentException("default_pool_size must be at least 1, got " + defaultPoolSize);
    }
    if (minPoolSize < 0 || minPoolSize > defaultPoolSize) {
      throw new IllegalArgumentException(
          "min_pool_size must be between 0 and default_pool_size (" + defaultPoolSize + "), got " + minPoolSize);
    }
    if (maxPreparedStatements < 1) {
      throw new IllegalArgumentException("max_prepared_statements must be at least 1, got " + maxPreparedStatements);
    }
  }

  public PoolSettings withDefaultPoolSize(int size) {
    return new PoolSettings(size, Math.min(minPoolSize, size), serverIdleTimeout, serverLifetime,
        serverConnectTimeout, queryWaitTimeout, maxPreparedStatements, timeouts);
  }

  public PoolSettings withQueryWaitTimeout(Duration timeout) {
    return new PoolSettings(defaultPoolSize, minPoolSize, serverIdleTimeout, serverLifetime,
        serverConnectTimeout, timeout, maxPreparedStatements, timeouts);
  }

  public PoolSettings withMaxPreparedStatements(int max) {
    return new PoolSettings(defaultPoolSize, minPoolSize, serverIdleTimeout, serverLifetime,
        serverConnectTimeout, queryWaitTimeout, max, timeouts);
  }

  public PoolSettings withTimeouts(TimeoutSettings newTimeouts) {
    return new PoolSettings(defaultPoolSize, minPoolSize, serverIdleTimeout, serverLifetime,
        serverConnectTimeout, queryWaitTimeout, maxPreparedStatements, newTimeouts);
  }

  /** Reads a {@code pool:} mapping; absent keys take the defaults above. */
  public static PoolSettings from(ConfigNode node) {
    node.rejectUnknownKeys("default_pool_size", "min_pool_size", "server_idle_timeout", "server_lifetime",
        "server_connect_timeout", "query_wait_timeout", "max_prepared_statements", TimeoutSettings.KEYS[0],
        TimeoutSettings.KEYS[1], TimeoutSettings.KEYS[2]);
    int size = node.integer("default_pool_size", DEFAULTS.defaultPoolSize, 1, 10_000);
    int min = node.integer("min_pool_size", DEFAULTS.minPoolSize, 0, 10_000);
    if (min > size) {
      throw node.error("min_pool_size", "must not exceed default_pool_size (" + size + "), got " + min);
    }
    return new PoolSettings(size, min,
        positive(node, "server_idle_timeout", DEFAULTS.serverIdleTimeout),
        positive(node, "server_lifetime", DEFAULTS.serverLifetime),
        positive(node, "server_connect_timeout", DEFAULTS.serverConnectTimeout),
        positive(node, "query_wait_timeout", DEFAULTS.queryWaitTimeout),
        node.integer("max_prepared_statements", DEFAULT_MAX_PREPARED_STATEMENTS, 1, 100_000),
        TimeoutSettings.from(node));
  }

  private static Duration positive(ConfigNode node, String key, Duration defaultValue) {
    Duration value = node.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw node.error(key, "must be a positive duration such as 250ms, 15s or 10m, got " + value);
    }
    return value;
  }
}
