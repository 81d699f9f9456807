package dev.hyperdrive.endpoint.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each statement form does to session state, one row per form. */
class SessionCommandParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      SET search_path TO a, b                          | set search_path
      set Search_Path = 'x'                            | set search_path
      SET SESSION statement_timeout = '5s'             | set statement_timeout
      SET "TimeZone" TO 'UTC'                          | set timezone
      SET TIME ZONE 'Europe/Paris'                     | set timezone
      SET TIME ZONE LOCAL                              | reset timezone
      SET TIME ZONE DEFAULT                            | reset timezone
      SET work_mem TO DEFAULT                          | reset work_mem
      SET work_mem = default                           | reset work_mem
      SET myapp.tenant = '42'                          | set myapp.tenant
      SET ROLE reporting                               | set role
      SET ROLE NONE                                    | reset role
      SET SESSION AUTHORIZATION alice                  | set session_authorization
      SET SESSION AUTHORIZATION DEFAULT                | reset session_authorization
      SET NAMES 'LATIN1'                               | set client_encoding
      SET SCHEMA 'app'                                 | set search_path
      SET LOCAL work_mem = '1MB'                       | other
      SET TRANSACTION ISOLATION LEVEL SERIALIZABLE     | other
      SET CONSTRAINTS ALL DEFERRED                     | other
      SET work_mem FROM CURRENT                        | other
      RESET work_mem                                   | reset work_mem
      RESET TIME ZONE                                  | reset timezone
      RESET ROLE                                       | reset role
      RESET SESSION AUTHORIZATION                      | reset session_authorization
      RESET ALL                                        | reset all
      DISCARD ALL                                      | discard all
      DISCARD PLANS                                    | other
      BEGIN                                            | begin
      START TRANSACTION READ ONLY                      | begin
      COMMIT                                           | commit
      END                                              | commit
      PREPARE TRANSACTION 'x'                          | commit
      COMMIT PREPARED 'x'                              | other
      ROLLBACK                                         | rollback
      ABORT                                            | rollback
      ROLLBACK AND CHAIN                               | rollback
      ROLLBACK PREPARED 'x'                            | other
      ROLLBACK TO SAVEPOINT s1                         | rollback to s1
      ROLLBACK TO s1                                   | rollback to s1
      SAVEPOINT s1                                     | savepoint s1
      RELEASE SAVEPOINT s1                             | release s1
      RELEASE s1                                       | release s1
      SELECT set_config('search_path', 'a,b', false)   | set search_path
      SELECT set_config('search_path', 'a,b', true)    | other
      SELECT set_config($1, $2, false)                 | untracked
      SELECT 1                                         | other
      DO $$BEGIN PERFORM set_config('a', 'b', false); END$$ | untracked
      DO $$BEGIN RAISE NOTICE 'hi'; END$$             | other
      """)
  void readsWhatAStatementDoes(String sql, String expected) {
    assertThat(describe(StatementAnalysis.of(sql).single())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ | default_transaction_isolation='repeatable read'
      SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY, NOT DEFERRABLE       | default_transaction_read_only='on' default_transaction_deferrable='off'
      """)
  void sessionCharacteristicsAreTheirThreeSettings(String sql, String expected) {
    List<SettingChange> changes = ((SessionCommand.ChangesSettings) StatementAnalysis.of(sql).single()).changes();
    assertThat(changes.stream().map(c -> c.name() + "=" + ((SettingChange.Set) c).applySql().replaceAll(".* TO ", ""))
        .reduce((a, b) -> a + " " + b).orElse("")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      SET a = 1; SELECT 2; RESET b                                          | 3
      SELECT ';'; SELECT $$;$$                                              | 2
      CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3 | 2
      ;;SELECT 1;;                                                          | 1
      """)
  void countsTheStatementsPostgresWillComplete(String sql, int statements) {
    assertThat(StatementAnalysis.of(sql).commands()).hasSize(statements);
  }

  static String describe(SessionCommand command) {
    if (command instanceof SessionCommand.ChangesSettings) {
      SettingChange change = ((SessionCommand.ChangesSettings) command).changes().get(0);
      if (change instanceof SettingChange.Set) {
        return "set " + change.name();
      }
      if (change instanceof SettingChange.Reset) {
        return "reset " + change.name();
      }
      if (change instanceof SettingChange.ResetAll) {
        return ((SettingChange.ResetAll) change).identityToo() ? "discard all" : "reset all";
      }
      return "untracked";
    }
    if (command instanceof SessionCommand.Savepoint) {
      return "savepoint " + ((SessionCommand.Savepoint) command).name();
    }
    if (command instanceof SessionCommand.ReleaseSavepoint) {
      return "release " + ((SessionCommand.ReleaseSavepoint) command).name();
    }
    if (command instanceof SessionCommand.RollbackToSavepoint) {
      return "rollback to " + ((SessionCommand.RollbackToSavepoint) command).name();
    }
    return command.getClass().getSimpleName().toLowerCase();
  }
}
