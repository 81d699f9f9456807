package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.SqlLexException;
import dev.hyperdrive.cache.SqlLexer;
import dev.hyperdrive.cache.Token;
import dev.hyperdrive.cache.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a simple Query's text into the statements PostgreSQL will run, one per CommandComplete. Semicolons
 * inside parentheses do not split, nor do those inside a SQL-standard function body ({@code BEGIN ATOMIC
 * ... END}), which is tracked the way psql does it: within CREATE FUNCTION/PROCEDURE, BEGIN and CASE open
 * a block and END closes one.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  /** The non-empty statements of {@code sql}; throws if the text does not even lex (PostgreSQL will refuse it). */
  static List<SqlStatement> split(String sql, SqlLexer lexer) throws SqlLexException {
    List<Token> tokens = lexer.tokenize(sql);
    List<SqlStatement> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int parentheses = 0;
    int blocks = 0;
    boolean routine = false;
    for (Token token : tokens) {
      if (token.kind() == TokenKind.SEMICOLON && parentheses == 0 && blocks == 0) {
        add(sql, current, statements);
        current = new ArrayList<>();
        routine = false;
        continue;
      }
      if (current.isEmpty()) {
        routine = false;
      }
      if (token.kind() == TokenKind.LEFT_PAREN) {
        parentheses++;
      } else if (token.kind() == TokenKind.RIGHT_PAREN && parentheses > 0) {
        parentheses--;
      } else if (!current.isEmpty() && current.get(0).isWord("create")
          && (token.isWord("function") || token.isWord("procedure"))) {
        routine = true;
      } else if (routine && (token.isWord("begin") || token.isWord("case"))) {
        blocks++;
      } else if (routine && token.isWord("end") && blocks > 0) {
        blocks--;
      }
      current.add(token);
    }
    add(sql, current, statements);
    return statements;
  }

  private static void add(String sql, List<Token> tokens, List<SqlStatement> statements) {
    if (!tokens.isEmpty()) {
      statements.add(new SqlStatement(sql, tokens));
    }
  }
}
