package dev.hyperdrive.endpoint.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements need a connection of their own; '-' = allowed. */
class UnsupportedFeaturesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      LISTEN jobs                                             | LISTEN
      unlisten *                                              | UNLISTEN
      NOTIFY jobs                                             | -
      SELECT pg_notify('jobs', 'x')                           | -
      SELECT pg_advisory_lock(1)                              | pg_advisory_lock()
      SELECT pg_catalog.pg_try_advisory_lock(1, 2)            | pg_try_advisory_lock()
      SELECT pg_advisory_unlock_all()                         | pg_advisory_unlock_all()
      SELECT pg_advisory_xact_lock(1)                         | -
      SELECT 'pg_advisory_lock(1)'                            | -
      CREATE TEMP TABLE t (id int)                            | CREATE TEMP TABLE
      CREATE TEMPORARY TABLE t (id int) ON COMMIT DELETE ROWS | CREATE TEMP TABLE
      CREATE LOCAL TEMP TABLE t (id int)                      | CREATE TEMP TABLE
      CREATE TEMP TABLE t (id int) ON COMMIT DROP             | -
      CREATE TEMP TABLE t ON COMMIT DROP AS SELECT 1          | -
      CREATE TEMP VIEW v AS SELECT 1                          | CREATE TEMP VIEW
      CREATE OR REPLACE TEMP VIEW v AS SELECT 1               | CREATE TEMP VIEW
      CREATE TEMP SEQUENCE s                                  | CREATE TEMP SEQUENCE
      CREATE TABLE t (id int)                                 | -
      SELECT 1 INTO TEMP t                                    | SELECT ... INTO TEMP
      SELECT 1 INTO t                                         | -
      DECLARE c CURSOR WITH HOLD FOR SELECT 1                 | DECLARE ... WITH HOLD
      DECLARE c NO SCROLL CURSOR WITH HOLD FOR SELECT 1       | DECLARE ... WITH HOLD
      DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1              | -
      DECLARE c CURSOR FOR WITH hold AS (SELECT 1) SELECT * FROM hold | -
      """)
  void refusesOnlyWhatCannotWorkOnASharedConnection(String sql, String feature) {
    StatementAnalysis analysis = StatementAnalysis.of(sql);
    assertThat(analysis.refusal() == null ? "-" : analysis.refusal().feature()).isEqualTo(feature);
    if (analysis.refusal() != null) {
      assertThat(analysis.rewrittenSql()).startsWith("DO ").contains("0A000");
    }
  }
}
