package dev.hyperdrive.endpoint.metrics;

import dev.hyperdrive.endpoint.pool.OriginPool;
import dev.hyperdrive.endpoint.pool.PoolStats;
import dev.hyperdrive.endpoint.relay.OriginPools;
import dev.hyperdrive.endpoint.relay.RelayService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The endpoint's meters (origin-endpoint/README.md, Metrics), read from the pools' and the relay's own
 * counters at scrape time. Pool meters carry PgBouncer's SHOW POOLS names and look the database's pool
 * up on every scrape, so a pool replaced by placement is followed; a database no longer served reads NaN.
 */
public final class EndpointMetrics {
  private final MeterRegistry registry;
  private final OriginPools pools;
  private final Set<String> boundDatabases = ConcurrentHashMap.newKeySet();

  private EndpointMetrics(MeterRegistry registry, OriginPools pools) {
    this.registry = registry;
    this.pools = pools;
  }

  /** Registers every meter of this endpoint with {@code registry}. */
  public static void bind(MeterRegistry registry, OriginPools pools, RelayService relay) {
    Gauge.builder("hyperdrive.endpoint.relay.sessions.open", relay, RelayService::openSessions)
        .description("Relay sessions (edge streams) open now").register(registry);
    FunctionCounter.builder("hyperdrive.endpoint.relay.sessions", relay, RelayService::sessionsStarted)
        .description("Relay sessions (edge streams) started").register(registry);
    EndpointMetrics metrics = new EndpointMetrics(registry, pools);
    pools.onDatabaseServed(metrics::bindDatabase);
  }

  private void bindDatabase(String database) {
    if (!boundDatabases.add(database)) {
      return;
    }
    poolGauge(database, "open", "Origin connections open or being opened (active + idle + login)",
        PoolStats::total);
    poolGauge(database, "sv_active", "Origin connections checked out to a session", PoolStats::svActive);
    poolGauge(database, "sv_idle", "Origin connections idle in the pool", PoolStats::svIdle);
    poolGauge(database, "sv_login", "Origin connections being opened", PoolStats::svLogin);
    poolGauge(database, "cl_waiting", "Sessions waiting for an origin connection", PoolStats::clWaiting);
    poolGauge(database, "maxwait_seconds", "How long the oldest waiting session has waited",
        stats -> stats.maxwaitUs() / 1e6);
    FunctionTimer.builder("hyperdrive.endpoint.pool.checkouts", this, metrics -> metrics.read(database,
            OriginPool::checkouts), metrics -> metrics.read(database, OriginPool::checkoutWaitNanos),
            TimeUnit.NANOSECONDS)
        .description("Connections handed to sessions, with the time each waited for its connection")
        .tag("database", database).register(registry);
    FunctionCounter.builder("hyperdrive.endpoint.pool.wait.timeouts", this,
            metrics -> metrics.read(database, OriginPool::waitTimeouts))
        .description("Sessions that gave up waiting after query_wait_timeout").tag("database", database)
        .register(registry);
  }

  private void poolGauge(String database, String name, String description, ToDoubleFunction<PoolStats> value) {
    Gauge.builder("hyperdrive.endpoint.pool." + name, this, metrics -> {
      OriginPool pool = metrics.pools.pool(database);
      return pool == null ? Double.NaN : value.applyAsDouble(pool.stats());
    }).description(description).tag("database", database).register(registry);
  }

  private long read(String database, ToLongFunction<OriginPool> counter) {
    OriginPool pool = pools.pool(database);
    return pool == null ? 0 : counter.applyAsLong(pool);
  }
}
