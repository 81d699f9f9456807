package dev.hyperdrive.endpoint.prepared;

import dev.hyperdrive.cache.SqlLexException;
import dev.hyperdrive.cache.SqlLexer;
import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import dev.hyperdrive.wire.backend.ErrorResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the SQL-level prepared-statement commands in a query text: {@code PREPARE} and {@code EXECUTE}
 * (refused: the statement would live on one pooled connection) and {@code DEALLOCATE name} (answered for
 * the caller's own statements). {@code DEALLOCATE ALL} and {@code DISCARD ALL} pass to the origin, which
 * reports them in the CommandComplete the relay watches for.
 */
final class SqlPreparedCommands {

  /** What the relay does with one query text. */
  sealed interface Command {}

  /** Nothing of ours: send it on. */
  record Ordinary() implements Command {}

  /** The driver gets {@code error} instead. */
  record Refused(ErrorResponse error) implements Command {}

  /** {@code DEALLOCATE [PREPARE] name}, alone in its query. */
  record Deallocate(String name) implements Command {}

  static final Ordinary ORDINARY = new Ordinary();
  private static final String[] KEYWORDS = {"prepare", "execute", "deallocate"};

  private SqlPreparedCommands() {}

  /** For a simple Query (which may hold several statements). */
  static Command inQuery(String sql) {
    List<List<Token>> statements = statements(sql);
    for (List<Token> statement : statements) {
      Command command = classify(statement);
      if (command instanceof Deallocate && statements.size() > 1) {
        return new Refused(PreparedStatementErrors.deallocateNotAlone());
      }
      if (!(command instanceof Ordinary)) {
        return command;
      }
    }
    return ORDINARY;
  }

  /** For the text of a Parse: the refusal to answer with, or null. */
  static ErrorResponse refusalInParse(String sql) {
    for (List<Token> statement : statements(sql)) {
      Command command = classify(statement);
      if (command instanceof Refused refused) {
        return refused.error();
      }
      if (command instanceof Deallocate) {
        return PreparedStatementErrors.deallocateNotAlone();
      }
    }
    return null;
  }

  private static Command classify(List<Token> statement) {
    Token first = statement.get(0);
    if (first.isWord("prepare") && !(statement.size() > 1 && statement.get(1).isWord("transaction"))) {
      return new Refused(PreparedStatementErrors.sqlLevelUnsupported("PREPARE"));
    }
    if (first.isWord("execute")) {
      return new Refused(PreparedStatementErrors.sqlLevelUnsupported("EXECUTE"));
    }
    if (first.isWord("deallocate")) {
      int next = statement.size() > 1 && statement.get(1).isWord("prepare") ? 2 : 1;
      if (next < statement.size() && statement.get(next).isName() && !statement.get(next).isWord("all")) {
        return new Deallocate(statement.get(next).value());
      }
    }
    return ORDINARY;
  }

  /** The token lists of the text's non-empty statements; none when no keyword of ours can occur. */
  private static List<List<Token>> statements(String sql) {
    List<List<Token>> statements = new ArrayList<>();
    if (!mentionsAnyKeyword(sql)) {
      return statements;
    }
    List<Token> tokens;
    try {
      tokens = SqlLexer.STANDARD.tokenize(sql);
    } catch (SqlLexException e) {
      return statements; // the origin will report the syntax error itself
    }
    List<Token> current = new ArrayList<>();
    for (Token token : tokens) {
      if (token.kind() == TokenKind.SEMICOLON) {
        addIfNotEmpty(statements, current);
        current = new ArrayList<>();
      } else {
        current.add(token);
      }
    }
    addIfNotEmpty(statements, current);
    return statements;
  }

  private static void addIfNotEmpty(List<List<Token>> statements, List<Token> statement) {
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
  }

  /** A cheap pre-check, so ordinary queries are never lexed. */
  private static boolean mentionsAnyKeyword(String sql) {
    for (String keyword : KEYWORDS) {
      for (int i = sql.length() - keyword.length(); i >= 0; i--) {
        if (sql.regionMatches(true, i, keyword, 0, keyword.length())) {
          return true;
        }
      }
    }
    return false;
  }
}
