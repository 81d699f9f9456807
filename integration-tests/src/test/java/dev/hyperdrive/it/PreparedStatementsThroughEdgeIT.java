package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

/**
 * Real drivers' server-side prepared statements through edge and endpoint, with more clients than pooled
 * connections so every statement is replayed on connections that have never seen it (DESIGN.md §4).
 */
@ExtendWith(PostgresExtension.class)
class PreparedStatementsThroughEdgeIT {
  /** pgjdbc prepares server-side from the first execution and reads results in binary. */
  private static final String SERVER_PREPARED = "prepareThreshold=1&binaryTransfer=true";

  @Test
  void pgjdbcServerPreparedStatementsOverASmallPool(EmbeddedOrigin origin) throws Exception {
    int clients = 12;
    try (RelayStack stack = RelayStack.start(origin, 3)) {
      ExecutorService threads = Executors.newFixedThreadPool(clients);
      List<Future<Integer>> results = new ArrayList<>();
      for (int n = 0; n < clients; n++) {
        int client = n;
        results.add(threads.submit(() -> runPgjdbcClient(stack, client)));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get(3, TimeUnit.MINUTES)).isEqualTo(30);
      }
      threads.shutdown();
    }
  }

  /** 30 rounds of two statements (one shared by all clients, one its own), alone and in transactions. */
  private static int runPgjdbcClient(RelayStack stack, int client) throws SQLException {
    try (Connection c = DriverManager.getConnection(stack.jdbcUrl(SERVER_PREPARED), RelayStack.USER, RelayStack.PASSWORD);
         PreparedStatement shared = c.prepareStatement(
             "SELECT ?::int + 1, ?::text, ?::numeric, ?::timestamptz, ?::bytea, ?::uuid, ?::bool, ?::int8");
         PreparedStatement own = c.prepareStatement("SELECT ?::int * " + (client + 2))) {
      for (int round = 0; round < 30; round++) {
        boolean inTransaction = round % 3 == 0;
        c.setAutoCommit(!inTransaction);
        OffsetDateTime at = OffsetDateTime.of(2024, 1, 1 + round % 28, 12, 0, 0, 0, ZoneOffset.UTC);
        UUID id = UUID.randomUUID();
        shared.setInt(1, round);
        shared.setString(2, "client " + client);
        shared.setBigDecimal(3, new BigDecimal("12.34").add(BigDecimal.valueOf(round)));
        shared.setObject(4, at);
        shared.setBytes(5, new byte[] {(byte) client, (byte) round});
        shared.setObject(6, id);
        shared.setBoolean(7, round % 2 == 0);
        shared.setLong(8, 1L << 40);
        try (ResultSet rs = shared.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(round + 1);
          assertThat(rs.getString(2)).isEqualTo("client " + client);
          assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal("12.34").add(BigDecimal.valueOf(round)));
          assertThat(rs.getObject(4, OffsetDateTime.class).toInstant()).isEqualTo(at.toInstant());
          assertThat(rs.getBytes(5)).containsExactly((byte) client, (byte) round);
          assertThat(rs.getObject(6, UUID.class)).isEqualTo(id);
          assertThat(rs.getBoolean(7)).isEqualTo(round % 2 == 0);
          assertThat(rs.getLong(8)).isEqualTo(1L << 40);
        }
        own.setInt(1, round);
        try (ResultSet rs = own.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(round * (client + 2));
        }
        if (inTransaction) {
          c.commit();
        }
      }
      return 30;
    }
  }

  @Test
  void pgjdbcKeepsWorkingAfterASchemaChange(EmbeddedOrigin origin) throws Exception {
    // Result caching off: a cached result would (by design, like Hyperdrive) outlive the schema change
    // for up to max_age; this test is about the origin's prepared statements after the change.
    try (RelayStack stack = RelayStack.start(origin, 2, "cache: {enabled: false}\n", Clock.systemUTC());
         Connection c = DriverManager.getConnection(stack.jdbcUrl(SERVER_PREPARED), RelayStack.USER, RelayStack.PASSWORD)) {
      try (Connection direct = stack.connectOrigin(); Statement s = direct.createStatement()) {
        s.execute("DROP TABLE IF EXISTS jdbc_plan_change");
        s.execute("CREATE TABLE jdbc_plan_change (id int PRIMARY KEY); INSERT INTO jdbc_plan_change VALUES (1)");
      }
      try (PreparedStatement select = c.prepareStatement("SELECT * FROM jdbc_plan_change WHERE id = ?")) {
        select.setInt(1, 1);
        for (int i = 0; i < 3; i++) {
          assertThat(columns(select)).isEqualTo(1);
        }
        try (Connection direct = stack.connectOrigin(); Statement s = direct.createStatement()) {
          s.execute("ALTER TABLE jdbc_plan_change ADD COLUMN note text DEFAULT 'added'");
        }
        // PostgreSQL itself fails the first execution after the change (pgjdbc may retry it on its own) ...
        PSQLException first = catchThrowableOfType(PSQLException.class, () -> columns(select));
        if (first != null) {
          assertThat(first.getSQLState()).isEqualTo("0A000");
        }
        // ... and from then on every execution sees the new column.
        for (int i = 0; i < 3; i++) {
          assertThat(columns(select)).isEqualTo(2);
        }
      }
    }
  }

  private static int columns(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getMetaData().getColumnCount();
    }
  }

  @ParameterizedTest(name = "pgbench -M {0}")
  @ValueSource(strings = {"prepared", "extended"})
  void pgbenchWithFiftyClientsOverAPoolOfFive(String protocol, EmbeddedOrigin origin) throws Exception {
    ExternalCommand.run(List.of("pgbench", "-i", "-s", "1", "-q", origin.url()), Map.of(), Duration.ofMinutes(2))
        .assertSucceeded();
    try (RelayStack stack = RelayStack.start(origin, 5)) {
      ExternalCommand run = ExternalCommand.run(
          List.of("pgbench", "-n", "-M", protocol, "-c", "50", "-j", "2", "-T", "15", stack.url()),
          Map.of("PGCONNECT_TIMEOUT", "10"), Duration.ofMinutes(2)).assertSucceeded();

      assertThat(run.stdout()).contains("number of failed transactions: 0 ");
      Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(run.stdout());
      assertThat(processed.find()).as("pgbench summary in:\n%s", run.stdout()).isTrue();
      long transactions = Long.parseLong(processed.group(1));
      assertThat(transactions).isPositive();
      try (Connection c = stack.connectOrigin(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM pgbench_history")) {
        rs.next();
        assertThat(rs.getLong(1)).as("one history row per committed transaction").isEqualTo(transactions);
      }
    }
  }
}
