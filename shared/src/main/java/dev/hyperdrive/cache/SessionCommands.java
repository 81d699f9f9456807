package dev.hyperdrive.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@link SessionCommand}s of a query text with the SQL lexer: SET/RESET in all their forms,
 * DISCARD ALL, DEALLOCATE, and anything that changes settings in ways that cannot be followed.
 * Transaction-scoped forms ({@code SET LOCAL}, {@code SET TRANSACTION}, {@code SET CONSTRAINTS}) do
 * nothing lasting and yield no command.
 * See https://www.postgresql.org/docs/current/sql-set.html and sql-reset.html.
 */
public final class SessionCommands {
  private static final SqlLexer BACKSLASH_ESCAPING_LEXER = new SqlLexer(false);

  private SessionCommands() {}

  public static List<SessionCommand> of(String sql, boolean standardConformingStrings) {
    List<Token> tokens;
    try {
      tokens = (standardConformingStrings ? SqlLexer.STANDARD : BACKSLASH_ESCAPING_LEXER).tokenize(sql);
    } catch (SqlLexException e) {
      // PostgreSQL will refuse it too; nothing it says can take effect.
      return List.of();
    }
    List<SessionCommand> commands = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= tokens.size(); i++) {
      if (i == tokens.size() || tokens.get(i).kind() == TokenKind.SEMICOLON) {
        if (i > start) {
          statement(sql, tokens.subList(start, i), commands);
        }
        start = i + 1;
      }
    }
    return commands;
  }

  private static void statement(String sql, List<Token> tokens, List<SessionCommand> commands) {
    for (Token token : tokens) {
      if (token.isWord("set_config")) {
        commands.add(new SessionCommand.Untrackable("set_config()"));
        return;
      }
    }
    String first = word(tokens, 0);
    switch (first) {
      case "set" -> set(sql, tokens, commands);
      case "reset" -> reset(tokens, commands);
      case "discard" -> {
        if (word(tokens, 1).equals("all")) {
          commands.add(SessionCommand.DiscardAll.INSTANCE);
        }
      }
      case "deallocate" -> deallocate(tokens, commands);
      case "do", "call" -> commands.add(new SessionCommand.Untrackable(first.toUpperCase() + " may change settings"));
      default -> { }
    }
  }

  private static void set(String sql, List<Token> tokens, List<SessionCommand> commands) {
    int at = 1;
    String scope = word(tokens, at);
    if (scope.equals("local")) {
      return;
    }
    if (scope.equals("session")) {
      at++;
    }
    String name = word(tokens, at);
    switch (name) {
      case "transaction", "constraints" -> { }
      case "characteristics" -> { } // SESSION CHARACTERISTICS AS TRANSACTION: transaction modes only
      case "authorization" -> commands.add(new SessionCommand.Untrackable("SET SESSION AUTHORIZATION"));
      case "time" -> special(sql, tokens, at + 2, "timezone", word(tokens, at + 1).equals("zone"), commands);
      case "names" -> special(sql, tokens, at + 1, "client_encoding", true, commands);
      case "schema" -> special(sql, tokens, at + 1, "search_path", true, commands);
      case "role" -> special(sql, tokens, at + 1, "role", true, commands);
      case "xml" -> special(sql, tokens, at + 2, "xmloption", word(tokens, at + 1).equals("option"), commands);
      default -> generic(sql, tokens, at, commands);
    }
  }

  /** {@code SET [SESSION] name {TO | =} value}; the name may be dotted (custom settings). */
  private static void generic(String sql, List<Token> tokens, int at, List<SessionCommand> commands) {
    StringBuilder name = new StringBuilder();
    int i = at;
    if (i < tokens.size() && tokens.get(i).isName()) {
      name.append(tokens.get(i++).value());
      while (i + 1 < tokens.size() && tokens.get(i).kind() == TokenKind.DOT && tokens.get(i + 1).isName()) {
        name.append('.').append(tokens.get(i + 1).value());
        i += 2;
      }
    }
    boolean separated = i < tokens.size()
        && (tokens.get(i).isWord("to") || (tokens.get(i).kind() == TokenKind.OPERATOR && tokens.get(i).text().equals("=")));
    if (name.length() == 0 || !separated || i + 1 >= tokens.size()) {
      commands.add(new SessionCommand.Untrackable("a SET statement we cannot read"));
      return;
    }
    String setting = name.toString();
    if (tokens.size() == i + 2 && tokens.get(i + 1).isWord("default")) {
      commands.add(new SessionCommand.Reset(setting));
      return;
    }
    String value = sql.substring(tokens.get(i + 1).position(), tokens.get(tokens.size() - 1).end());
    commands.add(new SessionCommand.Set(setting, value, setting + " TO " + value));
  }

  /** The keyword forms: the value follows the keywords directly. */
  private static void special(String sql, List<Token> tokens, int valueAt, String setting, boolean wellFormed,
      List<SessionCommand> commands) {
    if (!wellFormed || valueAt >= tokens.size()) {
      commands.add(new SessionCommand.Untrackable("a SET statement we cannot read"));
      return;
    }
    if (tokens.size() == valueAt + 1 && (tokens.get(valueAt).isWord("default")
        || (setting.equals("timezone") && tokens.get(valueAt).isWord("local")))) {
      commands.add(new SessionCommand.Reset(setting));
      return;
    }
    int keywordsFrom = tokens.get(0).isWord("set") && tokens.get(1).isWord("session") ? 2 : 1;
    String value = sql.substring(tokens.get(valueAt).position(), tokens.get(tokens.size() - 1).end());
    String replay = sql.substring(tokens.get(keywordsFrom).position(), tokens.get(tokens.size() - 1).end());
    commands.add(new SessionCommand.Set(setting, value, replay));
  }

  private static void reset(List<Token> tokens, List<SessionCommand> commands) {
    String what = word(tokens, 1);
    switch (what) {
      case "all" -> commands.add(SessionCommand.ResetAll.INSTANCE);
      case "session" -> commands.add(new SessionCommand.Untrackable("RESET SESSION AUTHORIZATION"));
      case "time" -> commands.add(new SessionCommand.Reset("timezone"));
      case "" -> commands.add(new SessionCommand.Untrackable("a RESET statement we cannot read"));
      default -> commands.add(new SessionCommand.Reset(dottedName(tokens, 1)));
    }
  }

  private static void deallocate(List<Token> tokens, List<SessionCommand> commands) {
    int at = word(tokens, 1).equals("prepare") ? 2 : 1;
    if (word(tokens, at).equals("all") && tokens.size() == at + 1) {
      commands.add(SessionCommand.DeallocateAll.INSTANCE);
    } else if (at < tokens.size() && tokens.get(at).isName()) {
      commands.add(new SessionCommand.Deallocate(tokens.get(at).value()));
    }
  }

  private static String dottedName(List<Token> tokens, int at) {
    StringBuilder name = new StringBuilder();
    for (int i = at; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      name.append(token.kind() == TokenKind.DOT ? "." : token.value());
    }
    return name.toString();
  }

  /** The unquoted word at {@code index} in lower case, or "" when there is none. */
  private static String word(List<Token> tokens, int index) {
    if (index >= tokens.size() || tokens.get(index).kind() != TokenKind.IDENTIFIER) {
      return "";
    }
    return tokens.get(index).value();
  }
}
