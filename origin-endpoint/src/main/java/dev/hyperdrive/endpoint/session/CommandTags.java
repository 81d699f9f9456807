package dev.hyperdrive.endpoint.session;

import java.util.Set;

/**
 * Cross-checks a statement we parsed against the CommandComplete tag the origin sent for it. A mismatch
 * means our reading of the Query's statements differs from PostgreSQL's, and whatever we believe about
 * settings after it is suspect.
 */
final class CommandTags {
  private static final Set<String> TRANSACTION_CONTROL =
      Set.of("BEGIN", "START TRANSACTION", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PREPARE TRANSACTION");

  private CommandTags() {}

  static boolean consistent(SessionCommand command, String tag) {
    if (command instanceof SessionCommand.Begin) {
      return "BEGIN".equals(tag) || "START TRANSACTION".equals(tag);
    }
    if (command instanceof SessionCommand.Commit) {
      return "COMMIT".equals(tag) || "ROLLBACK".equals(tag) || "PREPARE TRANSACTION".equals(tag);
    }
    if (command instanceof SessionCommand.Rollback || command instanceof SessionCommand.RollbackToSavepoint) {
      return "ROLLBACK".equals(tag);
    }
    if (command instanceof SessionCommand.Savepoint) {
      return "SAVEPOINT".equals(tag);
    }
    if (command instanceof SessionCommand.ReleaseSavepoint) {
      return "RELEASE".equals(tag);
    }
    return !TRANSACTION_CONTROL.contains(tag);
  }
}
