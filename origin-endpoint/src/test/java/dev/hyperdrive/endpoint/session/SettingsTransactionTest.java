package dev.hyperdrive.endpoint.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which session SETs survive, as a table: each row is a client's statements, one simple Query per
 * {@code |}-free segment separated by {@code /}, with {@code !} marking a statement that fails; the
 * answer is the settings that persist, in commit order.
 */
class SettingsTransactionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      SET a = 1                                                                   | a
      SET a = 1; SELECT boom!                                                      | ''
      BEGIN / SET a = 1 / COMMIT                                                  | a
      BEGIN / SET a = 1 / ROLLBACK                                                | ''
      BEGIN / SET a = 1 / SELECT boom! / COMMIT                                    | ''
      BEGIN / SET a = 1 / SELECT boom! / ROLLBACK                                  | ''
      BEGIN / SET LOCAL a = 1 / COMMIT                                            | ''
      BEGIN; SET a = 1; SAVEPOINT s; SET b = 2 / ROLLBACK TO SAVEPOINT s / COMMIT | a
      BEGIN; SET a = 1; SAVEPOINT s; SET b = 2 / RELEASE s / COMMIT               | a b
      BEGIN; SAVEPOINT s; SET b = 2; SELECT boom! / ROLLBACK TO s / SET c = 3 / COMMIT | c
      BEGIN; SAVEPOINT s; SAVEPOINT t; SET b = 2 / ROLLBACK TO s / COMMIT         | ''
      BEGIN; SAVEPOINT s; SET b = 2; RELEASE s; SAVEPOINT t; SET c = 3 / ROLLBACK TO t / COMMIT | b
      BEGIN; SET a = 1; COMMIT; SET b = 2; SELECT boom!                            | a
      SET a = 1; BEGIN / ROLLBACK                                                 | ''
      """)
  void persistsWhatPostgresPersists(String script, String persisted) {
    assertThat(run(script)).isEqualTo(persisted);
  }

  /** Plays a script through an {@link ExecutionQueue}, answering as PostgreSQL would. */
  private static String run(String script) {
    ExecutionQueue queue = new ExecutionQueue();
    List<String> persisted = new ArrayList<>();
    boolean inTransaction = false;
    boolean failed = false;
    for (String query : script.split("/")) {
      queue.query(StatementAnalysis.of(query.replace("!", "")));
      for (String statement : query.split(";")) {
        String sql = statement.trim();
        if (sql.endsWith("!")) {
          queue.error();
          failed = true;
          break;
        }
        if (failed && !sql.startsWith("ROLLBACK") && !sql.startsWith("COMMIT")) {
          queue.error(); // current transaction is aborted
          break;
        }
        String tag = tag(sql, failed);
        record(queue.commandComplete(tag), persisted);
        if (tag.equals("BEGIN")) {
          inTransaction = true;
        } else if (tag.equals("COMMIT") || (tag.equals("ROLLBACK") && !sql.contains(" TO "))) {
          inTransaction = false;
          failed = false;
        } else if (sql.contains(" TO ")) {
          failed = false;
        }
      }
      if (!inTransaction) {
        failed = false;
      }
      record(queue.readyForQuery(!inTransaction), persisted);
    }
    return String.join(" ", persisted);
  }

  private static String tag(String sql, boolean failed) {
    String first = sql.split(" ")[0];
    switch (first) {
      case "COMMIT":
        return failed ? "ROLLBACK" : "COMMIT";
      case "SELECT":
        return "SELECT 1";
      default:
        return first;
    }
  }

  private static void record(List<SettingChange> changes, List<String> persisted) {
    for (SettingChange change : changes) {
      persisted.add(change.name());
    }
  }
}
