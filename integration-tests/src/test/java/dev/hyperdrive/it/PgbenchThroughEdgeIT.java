package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pgbench's TPC-B with 50 clients through a pool of 10: every transaction succeeds and the books
 * balance afterwards, so no write was lost, duplicated or interleaved across pooled connections.
 */
@ExtendWith(PostgresExtension.class)
class PgbenchThroughEdgeIT {

  @Test
  void tpcbWithFiftyClientsOverPoolOfTenLosesNothing(EmbeddedOrigin origin) throws Exception {
    ExternalCommand.run(List.of("pgbench", "-i", "-s", "2", "-q", origin.url()), Map.of(), Duration.ofMinutes(2))
        .assertSucceeded();

    try (RelayStack stack = RelayStack.start(origin, 10)) {
      ExternalCommand run = ExternalCommand.run(
          List.of("pgbench", "-n", "-c", "50", "-j", "2", "-T", "30", stack.url()),
          Map.of("PGCONNECT_TIMEOUT", "10"), Duration.ofMinutes(2)).assertSucceeded();

      assertThat(run.stdout()).contains("number of failed transactions: 0 ");
      Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(run.stdout());
      assertThat(processed.find()).as("pgbench summary in:\n%s", run.stdout()).isTrue();
      assertThat(Long.parseLong(processed.group(1))).isPositive();

      try (Connection c = stack.connectOrigin(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT (SELECT sum(abalance) FROM pgbench_accounts),"
               + " (SELECT sum(bbalance) FROM pgbench_branches), (SELECT sum(tbalance) FROM pgbench_tellers),"
               + " (SELECT sum(delta) FROM pgbench_history), (SELECT count(*) FROM pgbench_history)")) {
        rs.next();
        long history = rs.getLong(5);
        assertThat(history).isEqualTo(Long.parseLong(processed.group(1)));
        assertThat(rs.getLong(1)).isEqualTo(rs.getLong(4));
        assertThat(rs.getLong(2)).isEqualTo(rs.getLong(4));
        assertThat(rs.getLong(3)).isEqualTo(rs.getLong(4));
      }
    }
  }
}
