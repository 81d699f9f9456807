package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.TokenKind;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the features that need a connection of one's own and so cannot work when origin connections
 * are shared between clients transaction by transaction: LISTEN/UNLISTEN, session-level advisory locks,
 * temporary objects that outlive their transaction, and cursors WITH HOLD. Their transaction-scoped
 * alternatives (pg_advisory_xact_lock, ON COMMIT DROP, cursors without HOLD) work and are named in the hint.
 */
final class UnsupportedFeatures {
  private static final String POOLED = " is not supported through the Hyperdrive endpoint:"
      + " origin connections are shared between clients, one transaction at a time";
  private static final Set<String> SESSION_ADVISORY_LOCKS = Set.of(
      "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
      "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all");

  private UnsupportedFeatures() {}

  static Optional<Refusal> check(SqlStatement statement) {
    String first = statement.word(0);
    if ("listen".equals(first) || "unlisten".equals(first)) {
      String command = first.toUpperCase(java.util.Locale.ROOT);
      return Optional.of(new Refusal(command, command + POOLED,
          "Receive notifications on a direct connection to the database; NOTIFY and pg_notify() work here."));
    }
    if ("declare".equals(first) && withHold(statement)) {
      return Optional.of(new Refusal("DECLARE ... WITH HOLD", "cursors WITH HOLD" + POOLED,
          "Declare the cursor WITHOUT HOLD and fetch from it inside the transaction that declared it."));
    }
    if ("create".equals(first) || "select".equals(first)) {
      Optional<Refusal> temporary = temporaryObject(statement);
      if (temporary.isPresent()) {
        return temporary;
      }
    }
    return sessionAdvisoryLock(statement);
  }

  private static boolean withHold(SqlStatement statement) {
    int cursorFor = statement.find(1, "for");
    int hold = statement.find(1, "with", "hold");
    return hold >= 0 && (cursorFor < 0 || hold < cursorFor);
  }

  /** CREATE TEMP TABLE without ON COMMIT DROP, CREATE TEMP VIEW/SEQUENCE, SELECT ... INTO TEMP. */
  private static Optional<Refusal> temporaryObject(SqlStatement statement) {
    int at = 1;
    if (statement.word(0).equals("select")) {
      int into = statement.find(1, "into");
      if (into < 0 || !isTemporary(statement, into + 1)) {
        return Optional.empty();
      }
      return Optional.of(temporaryTable("SELECT ... INTO TEMP"));
    }
    if (statement.isWord(at, "or") && statement.isWord(at + 1, "replace")) {
      at += 2;
    }
    if (statement.isWord(at, "global") || statement.isWord(at, "local")) {
      at++;
    }
    if (!statement.isWord(at, "temp") && !statement.isWord(at, "temporary")) {
      return Optional.empty();
    }
    String kind = statement.word(at + 1);
    if ("table".equals(kind)) {
      return statement.find(at + 2, "on", "commit", "drop") >= 0 ? Optional.empty()
          : Optional.of(temporaryTable("CREATE TEMP TABLE"));
    }
    if ("view".equals(kind) || "sequence".equals(kind) || "recursive".equals(kind)) {
      String feature = "CREATE TEMP " + ("sequence".equals(kind) ? "SEQUENCE" : "VIEW");
      return Optional.of(new Refusal(feature, "temporary " + ("sequence".equals(kind) ? "sequences" : "views")
          + POOLED, "Use a regular " + ("sequence".equals(kind) ? "sequence" : "view")
          + ", or a transaction-scoped query."));
    }
    return Optional.empty();
  }

  private static boolean isTemporary(SqlStatement statement, int at) {
    int word = statement.isWord(at, "global") || statement.isWord(at, "local") ? at + 1 : at;
    return statement.isWord(word, "temp") || statement.isWord(word, "temporary");
  }

  private static Refusal temporaryTable(String feature) {
    return new Refusal(feature, "temporary tables that outlive their transaction" + POOLED,
        "Inside a transaction, use CREATE TEMP TABLE ... ON COMMIT DROP; otherwise use a regular table.");
  }

  private static Optional<Refusal> sessionAdvisoryLock(SqlStatement statement) {
    for (int i = 0; i < statement.size(); i++) {
      String word = statement.word(i);
      if (word != null && SESSION_ADVISORY_LOCKS.contains(word) && statement.isKind(i + 1, TokenKind.LEFT_PAREN)) {
        return Optional.of(new Refusal(word + "()", "session-level advisory locks (" + word + ")" + POOLED,
            "Use the transaction-level forms, pg_advisory_xact_lock() or pg_try_advisory_xact_lock(),"
                + " inside a transaction; they are released at its end."));
      }
    }
    return Optional.empty();
  }
}
