package dev.hyperdrive.endpoint.session;

import dev.hyperdrive.cache.SqlLexException;
import dev.hyperdrive.cache.SqlLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a SQL text (a simple Query, or a Parse's statement) does to session state, statement by
 * statement, and the text to send instead when a statement must be refused: the first refused statement
 * is replaced by one that raises our 0A000 error at the origin (see {@link Refusal#raisingSql()}).
 *
 * @param commands one entry per statement PostgreSQL will complete, in order, up to a refused one
 * @param rewrittenSql the text to send instead of the client's, or null to send it unchanged
 * @param refusal the refused feature, or null
 */
record StatementAnalysis(List<SessionCommand> commands, String rewrittenSql, Refusal refusal) {

  StatementAnalysis {
    commands = List.copyOf(commands);
  }

  static StatementAnalysis of(String sql) {
    List<SqlStatement> statements;
    try {
      statements = StatementSplitter.split(sql, SqlLexer.STANDARD);
    } catch (SqlLexException e) {
      // PostgreSQL will most likely reject it; if it runs, it runs as one statement we know nothing of.
      return new StatementAnalysis(List.of(SessionCommand.Other.INSTANCE), null, null);
    }
    List<SessionCommand> commands = new ArrayList<>(statements.size());
    for (SqlStatement statement : statements) {
      Refusal refusal = UnsupportedFeatures.check(statement).orElse(null);
      if (refusal != null) {
        commands.add(SessionCommand.Other.INSTANCE);
        String rewritten = sql.substring(0, statement.start()) + refusal.raisingSql() + sql.substring(statement.end());
        return new StatementAnalysis(commands, rewritten, refusal);
      }
      commands.add(SessionCommandParser.parse(statement));
    }
    return new StatementAnalysis(commands, null, null);
  }

  /** The command of a single-statement text (a Parse): multi-statement Parses fail at the origin. */
  SessionCommand single() {
    return commands.size() == 1 ? commands.get(0) : SessionCommand.Other.INSTANCE;
  }
}
