package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.wire.SqlState;
import java.util.Objects;

/**
 * A statement that cannot work on an origin connection shared in transaction mode, with the error the
 * client gets for it (SQLSTATE 0A000, a message naming the feature, a hint naming the alternative).
 */
public record Refusal(String feature, String message, String hint) {
  private static final String DOLLAR_TAG = "$hyperdrive_refusal$";

  public Refusal {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  /**
   * A statement that makes the origin raise this error. The origin raising it, rather than the endpoint
   * composing it, keeps every protocol rule intact: inside a transaction it aborts the transaction as
   * PostgreSQL would, statements after it in the same Query are skipped, and the extended protocol's
   * skip-until-Sync applies.
   */
  public String raisingSql() {
    return "DO " + DOLLAR_TAG + " BEGIN RAISE EXCEPTION USING ERRCODE = '" + SqlState.FEATURE_NOT_SUPPORTED
        + "', MESSAGE = " + SqlLiterals.quote(message) + ", HINT = " + SqlLiterals.quote(hint) + "; END "
        + DOLLAR_TAG;
  }
}
