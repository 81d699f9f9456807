package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds {@code set_config(name, value, is_local)} calls in any statement: with {@code is_local} false
 * they change the setting for the whole session, like SET. Calls with literal arguments are tracked;
 * others (parameters, expressions) make the connection's state unknown, so it is reset before reuse.
 */
final class SetConfigCalls {
  private static final Set<String> FALSE_WORDS = Set.of("false", "f", "off", "no", "n", "0");
  private static final Set<String> TRUE_WORDS = Set.of("true", "t", "on", "yes", "y", "1");

  private SetConfigCalls() {}

  static SessionCommand find(SqlStatement statement) {
    List<SettingChange> changes = new ArrayList<>();
    for (int i = 0; i < statement.size(); i++) {
      if (statement.isWord(i, "set_config") && statement.isKind(i + 1, TokenKind.LEFT_PAREN)) {
        SettingChange change = call(statement, i + 2);
        if (change != null) {
          changes.add(change);
        }
      }
    }
    return changes.isEmpty() ? SessionCommand.Other.INSTANCE : new SessionCommand.ChangesSettings(changes);
  }

  /** The change made by the call whose arguments start at {@code at}; null for a transaction-local one. */
  private static SettingChange call(SqlStatement statement, int at) {
    Token name = statement.at(at);
    Token value = statement.at(at + 2);
    Token isLocal = statement.at(at + 4);
    boolean literal = isString(name) && statement.isKind(at + 1, TokenKind.COMMA) && isString(value)
        && statement.isKind(at + 3, TokenKind.COMMA) && statement.isKind(at + 5, TokenKind.RIGHT_PAREN)
        && isLocal != null && (isLocal.kind() == TokenKind.IDENTIFIER || isString(isLocal));
    if (!literal) {
      return SettingChange.Untracked.INSTANCE;
    }
    String local = isLocal.value().toLowerCase(Locale.ROOT).trim();
    if (TRUE_WORDS.contains(local)) {
      return null;
    }
    if (!FALSE_WORDS.contains(local)) {
      return SettingChange.Untracked.INSTANCE;
    }
    String setting = name.value().toLowerCase(Locale.ROOT);
    return new SettingChange.Set(setting, SqlLiterals.setConfig(setting, value.value()), null);
  }

  private static boolean isString(Token token) {
    return token != null && token.kind() == TokenKind.STRING;
  }
}
