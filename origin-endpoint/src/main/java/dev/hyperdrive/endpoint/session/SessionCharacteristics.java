package dev.hyperdrive.endpoint.session;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION modes}: PostgreSQL stores the modes in three
 * settings (https://www.postgresql.org/docs/current/sql-set-transaction.html), so we track those, and a
 * later {@code RESET default_transaction_isolation} undoes what this set.
 */
final class SessionCharacteristics {
  private SessionCharacteristics() {}

  /** @param at the index just past CHARACTERISTICS */
  static SessionCommand parse(SqlStatement statement, int at) {
    if (!statement.isWord(at, "as") || !statement.isWord(at + 1, "transaction")) {
      return SessionCommand.Other.INSTANCE;
    }
    List<SettingChange> changes = new ArrayList<>();
    for (int i = at + 2; i < statement.size(); i++) {
      if (statement.isWord(i, "isolation") && statement.isWord(i + 1, "level")) {
        String level = statement.word(i + 2);
        if ("repeatable".equals(level) || "read".equals(level)) {
          level = level + " " + statement.word(i + 3);
        }
        changes.add(set("default_transaction_isolation", level));
      } else if (statement.isWord(i, "read") && statement.isWord(i + 1, "only") && !statement.isWord(i - 1, "level")) {
        changes.add(set("default_transaction_read_only", "on"));
      } else if (statement.isWord(i, "read") && statement.isWord(i + 1, "write")) {
        changes.add(set("default_transaction_read_only", "off"));
      } else if (statement.isWord(i, "deferrable")) {
        changes.add(set("default_transaction_deferrable", statement.isWord(i - 1, "not") ? "off" : "on"));
      }
    }
    return new SessionCommand.ChangesSettings(changes);
  }

  private static SettingChange set(String name, String value) {
    return new SettingChange.Set(name, "SET " + name + " TO " + SqlLiterals.quote(String.valueOf(value)), null);
  }
}
