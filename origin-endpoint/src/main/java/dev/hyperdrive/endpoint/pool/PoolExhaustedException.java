package dev.hyperdrive.endpoint.pool;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.time.Duration;

/** A client waited query_wait_timeout for a free origin connection and got none. */
public final class PoolExhaustedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String database;
  private final int poolSize;
  private final Duration waited;

  PoolExhaustedException(String database, int poolSize, Duration waited) {
    super("pool for database " + database + " is exhausted");
    this.database = database;
    this.poolSize = poolSize;
    this.waited = waited;
  }

  /** SQLSTATE 53300 (too_many_connections), ERROR severity: the session itself stays usable. */
  public ErrorResponse error() {
    return ErrorResponse.error(SqlState.TOO_MANY_CONNECTIONS,
        "the origin connection pool for database \"" + database + "\" is exhausted: all " + poolSize
            + " connections stayed busy for " + waited.toMillis() + " ms (query_wait_timeout)")
        .withHint("Raise default_pool_size (now " + poolSize + ") or query_wait_timeout for database \""
            + database + "\" in endpoint.yaml, or shorten the transactions that hold connections.");
  }
}
