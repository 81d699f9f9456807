package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads what a statement does to session state, following the grammar of SET, RESET, DISCARD and
 * transaction control (https://www.postgresql.org/docs/current/sql-set.html, sql-reset.html,
 * sql-discard.html). Anything else is {@link SessionCommand.Other}, except calls of
 * {@code set_config(name, value, false)}, which change a setting for the session too.
 */
final class SessionCommandParser {
  private static final Pattern MAY_SET = Pattern.compile("(?i)\\b(set|reset|set_config)\\b");
  private SessionCommandParser() {}

  static SessionCommand parse(SqlStatement statement) {
    String first = statement.word(0);
    if (first == null) {
      return SessionCommand.Other.INSTANCE;
    }
    switch (first) {
      case "set":
        return set(statement);
      case "reset":
        return reset(statement, 1);
      case "discard":
        return statement.isWord(1, "all")
            ? changes(new SettingChange.ResetAll(true)) : SessionCommand.Other.INSTANCE;
      case "begin":
      case "start":
        return SessionCommand.Begin.INSTANCE;
      case "commit":
      case "end":
        return statement.isWord(1, "prepared") ? SessionCommand.Other.INSTANCE : SessionCommand.Commit.INSTANCE;
      case "prepare":
        return statement.isWord(1, "transaction") ? SessionCommand.Commit.INSTANCE : SessionCommand.Other.INSTANCE;
      case "rollback":
      case "abort":
        return rollback(statement);
      case "savepoint":
        return new SessionCommand.Savepoint(name(statement.at(1)));
      case "release":
        return new SessionCommand.ReleaseSavepoint(name(statement.at(statement.isWord(1, "savepoint") ? 2 : 1)));
      case "do":
        return doBlock(statement);
      default:
        return SetConfigCalls.find(statement);
    }
  }

  /**
   * A DO block's body is a string we do not parse; one that may SET anything leaves the connection's
   * settings unknown, so its next checkout resets them all rather than risk passing them on.
   */
  private static SessionCommand doBlock(SqlStatement statement) {
    for (int i = 1; i < statement.size(); i++) {
      Token token = statement.at(i);
      if (token.kind() == TokenKind.STRING && MAY_SET.matcher(token.value()).find()) {
        return changes(SettingChange.Untracked.INSTANCE);
      }
    }
    return SessionCommand.Other.INSTANCE;
  }

  private static SessionCommand rollback(SqlStatement statement) {
    int to = statement.find(1, "to");
    if (to < 0 || statement.word(0).equals("abort")) {
      return statement.isWord(1, "prepared") ? SessionCommand.Other.INSTANCE : SessionCommand.Rollback.INSTANCE;
    }
    int nameAt = statement.isWord(to + 1, "savepoint") ? to + 2 : to + 1;
    return new SessionCommand.RollbackToSavepoint(name(statement.at(nameAt)));
  }

  private static SessionCommand set(SqlStatement statement) {
    int at = 1;
    if (statement.isWord(at, "local") || statement.isWord(at, "transaction") || statement.isWord(at, "constraints")) {
      return SessionCommand.Other.INSTANCE; // never outlives its transaction
    }
    if (statement.isWord(at, "session")) {
      if (statement.isWord(at + 1, "characteristics")) {
        return SessionCharacteristics.parse(statement, at + 2);
      }
      if (!statement.isWord(at + 1, "authorization")) {
        at++; // SET SESSION name ... is plain SET
      }
    }
    String text = statement.text();
    if (statement.isWord(at, "time") && statement.isWord(at + 1, "zone")) {
      return defaultOrSet(statement, at + 2, "timezone", text, "local");
    }
    if (statement.isWord(at, "session") && statement.isWord(at + 1, "authorization")) {
      return defaultOrSet(statement, at + 2, "session_authorization", text, "default");
    }
    if (statement.isWord(at, "role")) {
      return defaultOrSet(statement, at + 1, "role", text, "none");
    }
    if (statement.isWord(at, "names")) {
      return defaultOrSet(statement, at + 1, "client_encoding", text, "default");
    }
    if (statement.isWord(at, "schema")) {
      return changes(new SettingChange.Set("search_path", text, null));
    }
    int nameEnd = qualifiedNameEnd(statement, at);
    if (nameEnd < 0) {
      return SessionCommand.Other.INSTANCE; // PostgreSQL will reject it
    }
    String name = qualifiedName(statement, at, nameEnd);
    int value = nameEnd;
    if (statement.isWord(value, "from") && statement.isWord(value + 1, "current")) {
      return SessionCommand.Other.INSTANCE; // the value stays what it is
    }
    if (statement.isWord(value, "to") || (statement.isKind(value, TokenKind.OPERATOR) && "=".equals(statement.at(value).text()))) {
      value++;
    }
    return defaultOrSet(statement, value, name, text, "default");
  }

  /** SET ... DEFAULT (or LOCAL / NONE in the special forms) is a RESET; anything else sets a value. */
  private static SessionCommand defaultOrSet(SqlStatement statement, int valueAt, String name, String text,
      String defaultWord) {
    if (statement.size() == valueAt + 1 && (statement.isWord(valueAt, defaultWord) || statement.isWord(valueAt, "default"))) {
      return changes(new SettingChange.Reset(name));
    }
    return changes(new SettingChange.Set(name, text, null));
  }

  private static SessionCommand reset(SqlStatement statement, int at) {
    if (statement.isWord(at, "all")) {
      return changes(new SettingChange.ResetAll(false));
    }
    if (statement.isWord(at, "time") && statement.isWord(at + 1, "zone")) {
      return changes(new SettingChange.Reset("timezone"));
    }
    if (statement.isWord(at, "session") && statement.isWord(at + 1, "authorization")) {
      return changes(new SettingChange.Reset("session_authorization"));
    }
    if (statement.isWord(at, "transaction")) {
      return SessionCommand.Other.INSTANCE;
    }
    int nameEnd = qualifiedNameEnd(statement, at);
    return nameEnd < 0 ? SessionCommand.Other.INSTANCE
        : changes(new SettingChange.Reset(qualifiedName(statement, at, nameEnd)));
  }

  /** Index just past {@code name} or {@code name.name} starting at {@code at}; -1 if there is no name. */
  private static int qualifiedNameEnd(SqlStatement statement, int at) {
    if (statement.at(at) == null || !statement.at(at).isName()) {
      return -1;
    }
    if (statement.isKind(at + 1, TokenKind.DOT) && statement.at(at + 2) != null && statement.at(at + 2).isName()) {
      return at + 3;
    }
    return at + 1;
  }

  private static String qualifiedName(SqlStatement statement, int at, int end) {
    StringBuilder name = new StringBuilder();
    for (int i = at; i < end; i++) {
      Token token = statement.at(i);
      name.append(token.kind() == TokenKind.DOT ? "." : token.value());
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }

  static SessionCommand changes(SettingChange... changes) {
    return new SessionCommand.ChangesSettings(new ArrayList<>(List.of(changes)));
  }

  private static String name(Token token) {
    return token == null ? "" : token.value();
  }
}
