package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.backend.ParameterStatus;
import dev.hyperdrive.wire.frontend.Bind;
import dev.hyperdrive.wire.frontend.Execute;
import dev.hyperdrive.wire.frontend.Parse;
import dev.hyperdrive.wire.frontend.Sync;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Session settings through a pool of ONE connection shared by several clients: each client sees its
 * own startup settings and session SETs, never another's, and transactions decide what persists.
 */
@ExtendWith(PostgresExtension.class)
class SessionSettingsIT {
  private static final PoolSettings ONE_CONNECTION = PoolSettings.DEFAULTS.withDefaultPoolSize(1);

  @Test
  void oneClientsSettingsAreNeverSeenByAnotherOnTheSameConnection(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session(startup("TimeZone", "Pacific/Auckland", "application_name", "client-a",
             "options", "-c search_path=a_schema,public --statement-timeout=4321"));
         RelayStream b = relay.session()) {
      // 1. B, on the fresh connection, reads the origin's defaults.
      Map<String, String> defaults = settings(b);
      String pid = show(b, "pg_backend_pid()");

      // 2. A, on the same backend, has its startup settings, `options` included.
      assertThat(show(a, "pg_backend_pid()")).isEqualTo(pid);
      assertThat(settings(a)).containsEntry("TimeZone", "Pacific/Auckland").containsEntry("application_name", "client-a")
          .containsEntry("search_path", "a_schema,public").containsEntry("statement_timeout", "4321ms");

      // 3. A changes more with session-level SETs.
      a.query("SET search_path TO pg_catalog, public");
      a.query("SET SESSION statement_timeout = '7s'");
      a.query("SET TIME ZONE 'America/Chicago'");
      assertThat(settings(a)).containsEntry("TimeZone", "America/Chicago").containsEntry("search_path", "pg_catalog, public")
          .containsEntry("statement_timeout", "7s");

      // 4. B, on the same backend, still sees every default.
      assertThat(show(b, "pg_backend_pid()")).isEqualTo(pid);
      assertThat(settings(b)).isEqualTo(defaults);

      // 5. And A gets its own back on its next batch.
      assertThat(settings(a)).containsEntry("TimeZone", "America/Chicago").containsEntry("search_path", "pg_catalog, public")
          .containsEntry("statement_timeout", "7s").containsEntry("application_name", "client-a");

      // 6. RESET returns a setting to A's startup value, RESET ALL all of them.
      a.query("RESET statement_timeout");
      assertThat(show(a, "current_setting('statement_timeout')")).isEqualTo("4321ms");
      a.query("RESET ALL");
      assertThat(settings(a)).containsEntry("TimeZone", "Pacific/Auckland").containsEntry("search_path", "a_schema,public");
      assertThat(settings(b)).isEqualTo(defaults);
    }
  }

  @Test
  void setInsideATransactionPersistsOnlyIfItCommits(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session();
         RelayStream b = relay.session()) {
      String initial = show(b, "current_setting('work_mem')");

      // 1. SET in a committed transaction persists; another client still has the default.
      a.query("BEGIN");
      a.query("SET work_mem = '11MB'");
      a.query("COMMIT");
      assertThat(show(b, "current_setting('work_mem')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("11MB");

      // 2. SET in a rolled-back transaction is undone.
      a.query("BEGIN; SET work_mem = '12MB'");
      a.query("ROLLBACK");
      assertThat(show(b, "current_setting('work_mem')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("11MB");

      // 3. ROLLBACK TO SAVEPOINT undoes what was set after the savepoint only.
      a.query("BEGIN; SET work_mem = '13MB'; SAVEPOINT s1; SET work_mem = '14MB'");
      a.query("ROLLBACK TO SAVEPOINT s1");
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("13MB");
      a.query("SAVEPOINT s2; SET work_mem = '15MB'; RELEASE SAVEPOINT s2");
      a.query("COMMIT");
      assertThat(show(b, "current_setting('work_mem')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("15MB");

      // 4. SET LOCAL never outlives its transaction.
      a.query("BEGIN; SET LOCAL work_mem = '16MB'");
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("16MB");
      a.query("COMMIT");
      assertThat(show(b, "current_setting('work_mem')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("15MB");

      // 5. A failed transaction's SET is undone by its ROLLBACK; a failed implicit one's at once.
      a.query("BEGIN; SET work_mem = '17MB'; SELECT 1/0");
      assertThat(status(a.query("ROLLBACK"))).isEqualTo(TransactionStatus.IDLE);
      a.query("SET work_mem = '18MB'; SELECT 1/0");
      assertThat(show(b, "current_setting('work_mem')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('work_mem')")).isEqualTo("15MB");
    }
  }

  @Test
  void extendedProtocolSetIsTrackedLikeASimpleOne(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session();
         RelayStream b = relay.session()) {
      String initial = show(b, "current_setting('search_path')");
      // pgjdbc's Statement.execute("SET ...") sends Parse/Bind/Execute/Sync.
      a.send(new Parse("", "SET search_path TO pg_catalog", new int[0]),
          new Bind("", "", new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
      assertThat(status(a.untilReady())).isEqualTo(TransactionStatus.IDLE);
      assertThat(show(b, "current_setting('search_path')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('search_path')")).isEqualTo("pg_catalog");
    }
  }

  @Test
  void aNamedSetStatementRunLaterOnAnotherCheckoutIsTracked(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session();
         RelayStream b = relay.session()) {
      String initial = show(b, "current_setting('search_path')");
      // 1. A prepares a SET as a named statement, and lets the connection go.
      a.send(new Parse("set_path", "SET search_path TO pg_catalog", new int[0]), Sync.INSTANCE);
      a.untilReady();
      assertThat(show(b, "current_setting('search_path')")).isEqualTo(initial);

      // 2. A executes it on a later checkout (the statement is replayed there): tracked as A's setting.
      a.send(new Bind("", "set_path", new short[0], List.of(), new short[0]), new Execute("", 0), Sync.INSTANCE);
      assertThat(status(a.untilReady())).isEqualTo(TransactionStatus.IDLE);
      assertThat(show(b, "current_setting('search_path')")).isEqualTo(initial);
      assertThat(show(a, "current_setting('search_path')")).isEqualTo("pg_catalog");
    }
  }

  @Test
  void parameterStatusReachesTheClientThatChangedASettingAndNoOneElse(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session(startup("DateStyle", "ISO, MDY"));
         RelayStream b = relay.session()) {
      b.query("SELECT 1");
      // 1. A's own SET: PostgreSQL reports the reported setting, and A sees it.
      List<BackendMessage> set = a.query("SET TimeZone = 'Asia/Tokyo'");
      assertThat(parameterStatus(set)).containsEntry("TimeZone", "Asia/Tokyo");

      // 2. B takes over the connection: resetting A's TimeZone tells B nothing it does not know.
      assertThat(parameterStatus(b.query("SELECT 2"))).isEmpty();

      // 3. A gets the connection back: its TimeZone is re-applied, silently (A already knows it).
      List<BackendMessage> again = a.query("SELECT current_setting('TimeZone')");
      assertThat(parameterStatus(again)).isEmpty();
      assertThat(RelaySessionIT.text((DataRow) again.get(again.size() - 3), 0)).isEqualTo("Asia/Tokyo");
    }
  }

  @Test
  void anInvalidStartupSettingEndsTheSessionAsPostgresWouldAtConnect(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream a = relay.session(startup("TimeZone", "Nowhere/Special"));
         RelayStream b = relay.session()) {
      a.send(new dev.hyperdrive.wire.frontend.Query("SELECT 1"));
      ErrorResponse error = a.nextError();
      assertThat(error.isFatal()).isTrue();
      assertThat(error.sqlState()).isEqualTo("22023");
      assertThat(error.message()).contains("Nowhere/Special");
      assertThat(a.awaitEnd().isOk()).isFalse();
      // The connection is fine and serves the next client.
      assertThat(show(b, "1")).isEqualTo("1");
    }
  }

  @Test
  void pgjdbcsStartupParametersAreAppliedSilently(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream jdbc = relay.session(startup("client_encoding", "UTF8", "DateStyle", "ISO",
             "TimeZone", "Europe/Berlin", "extra_float_digits", "2", "application_name", "PostgreSQL JDBC Driver"))) {
      // 1. The first batch: settings applied, and no ParameterStatus: the handshake already told the driver.
      List<BackendMessage> first = jdbc.query("SELECT current_setting('extra_float_digits'), current_setting('TimeZone')");
      assertThat(parameterStatus(first)).isEmpty();
      DataRow row = (DataRow) first.stream().filter(m -> m instanceof DataRow).findFirst().orElseThrow();
      assertThat(RelaySessionIT.text(row, 0)).isEqualTo("2");
      assertThat(RelaySessionIT.text(row, 1)).isEqualTo("Europe/Berlin");

      // 2. pg_stat_activity shows the driver's application_name while its work runs.
      assertThat(show(jdbc, "application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
          .isEqualTo("PostgreSQL JDBC Driver");

      // 3. Later batches on the same connection need no alignment and report nothing.
      assertThat(parameterStatus(jdbc.query("SELECT 1"))).isEmpty();
    }
  }

  @Test
  void aClientWithoutApplicationNameSeesTheEndpointsOnTheOriginConnection(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, ONE_CONNECTION);
         RelayStream named = relay.session(startup("application_name", "billing"));
         RelayStream anonymous = relay.session()) {
      assertThat(show(named, "current_setting('application_name')")).isEqualTo("billing");
      // Reset to the connection's own name, which the edge's handshake (empty) did not tell it: reported.
      List<BackendMessage> reply = anonymous.query("SELECT current_setting('application_name')");
      assertThat(parameterStatus(reply)).containsEntry("application_name", relay.applicationName());
      assertThat(relay.originConnections()).isEqualTo(1);
    }
  }

  static Map<String, String> startup(String... namesAndValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  /** The settings a client must never see from another, read in one round trip. */
  static Map<String, String> settings(RelayStream session) throws InterruptedException {
    List<String> names = List.of("TimeZone", "search_path", "statement_timeout", "application_name", "DateStyle",
        "work_mem");
    String sql = "SELECT " + names.stream().map(n -> "current_setting('" + n + "')").collect(Collectors.joining(", "));
    List<BackendMessage> reply = session.query(sql);
    DataRow row = (DataRow) reply.stream().filter(m -> m instanceof DataRow).findFirst()
        .orElseThrow(() -> new AssertionError("no row in " + reply));
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      values.put(names.get(i), RelaySessionIT.text(row, i));
    }
    return values;
  }

  static String show(RelayStream session, String expression) throws InterruptedException {
    List<BackendMessage> reply = session.query("SELECT " + expression);
    return reply.stream().filter(m -> m instanceof DataRow).map(m -> RelaySessionIT.text((DataRow) m, 0))
        .findFirst().orElseThrow(() -> new AssertionError("no row in " + reply));
  }

  static Map<String, String> parameterStatus(List<BackendMessage> messages) {
    return messages.stream().filter(m -> m instanceof ParameterStatus).map(m -> (ParameterStatus) m)
        .collect(Collectors.toMap(ParameterStatus::name, ParameterStatus::value, (x, y) -> y, LinkedHashMap::new));
  }
}
