package dev.hyperdrive.endpoint.config;

import dev.hyperdrive.config.ConfigNode;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may keep the origin busy, or keep a connection pinned doing nothing; read from the
 * same {@code pool:} mapping as {@link PoolSettings}. Zero turns a limit off. Named as in PgBouncer where
 * the concept matches (https://www.pgbouncer.org/config.html); none is reloadable yet.
 *
 * @param queryTimeout the endpoint's own limit on one query (from sending it to its ReadyForQuery): when
 *     it passes, the endpoint cancels the query on the origin and the client gets 57014 naming
 *     query_timeout; if the origin does not answer the cancel within as long again, the connection is
 *     dropped and the client gets FATAL 57014 (default 0 = off)
 * @param idleTransactionTimeout a client idle inside a transaction this long is disconnected with FATAL
 *     25P03; its transaction is rolled back and the connection reused (default 0 = off)
 * @param statementTimeout the statement-duration cap: PostgreSQL's statement_timeout, given to every
 *     origin connection at login, so it is each client's default and PostgreSQL itself cancels a longer
 *     statement (57014). A client may SET its own, as on PostgreSQL; query_timeout, enforced by the
 *     endpoint, is the limit a client cannot change, and should be set a little above this
 *     (default 0 = the origin's own setting)
 */
public record TimeoutSettings(Duration queryTimeout, Duration idleTransactionTimeout, Duration statementTimeout) {

  public static final TimeoutSettings DEFAULTS = new TimeoutSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  static final String[] KEYS = {"query_timeout", "idle_transaction_timeout", "statement_timeout"};

  public TimeoutSettings {
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(idleTransactionTimeout, "idleTransactionTimeout");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    if (queryTimeout.isNegative() || idleTransactionTimeout.isNegative() || statementTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must not be negative");
    }
  }

  public TimeoutSettings withQueryTimeout(Duration timeout) {
    return new TimeoutSettings(timeout, idleTransactionTimeout, statementTimeout);
  }

  public TimeoutSettings withIdleTransactionTimeout(Duration timeout) {
    return new TimeoutSettings(queryTimeout, timeout, statementTimeout);
  }

  public TimeoutSettings withStatementTimeout(Duration timeout) {
    return new TimeoutSettings(queryTimeout, idleTransactionTimeout, timeout);
  }

  /** Reads the timeout keys of a {@code pool:} mapping (the caller checks for unknown keys). */
  static TimeoutSettings from(ConfigNode node) {
    return new TimeoutSettings(
        notNegative(node, "query_timeout", DEFAULTS.queryTimeout),
        notNegative(node, "idle_transaction_timeout", DEFAULTS.idleTransactionTimeout),
        notNegative(node, "statement_timeout", DEFAULTS.statementTimeout));
  }

  private static Duration notNegative(ConfigNode node, String key, Duration defaultValue) {
    Duration value = node.duration(key, defaultValue);
    if (value.isNegative()) {
      throw node.error(key, "must be 0 (off) or a duration such as 250ms, 15s or 10m, got " + value);
    }
    return value;
  }
}
