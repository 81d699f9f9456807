package dev.hyperdrive.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.core.BaseConnection;

/**
 * pgjdbc's cancel and query timeout through edge and endpoint: the CancelRequest carrying the key the
 * edge issued stops that session's query on the origin, and never anyone else's.
 */
@ExtendWith(PostgresExtension.class)
class CancelAndTimeoutThroughEdgeIT {
  private static final String QUERY_CANCELED = "57014";

  @Test
  void cancelStopsTheRunningQueryOnlyAndTheConnectionStaysUsable(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection cancelled = connect(stack);
         Connection bystander = connect(stack);
         Statement sleeper = cancelled.createStatement()) {
      CompletableFuture<Long> bystanderMillis = CompletableFuture.supplyAsync(() -> timedSleep(bystander, 1));
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(
          () -> catchThrowableOfType(() -> sleeper.execute("SELECT pg_sleep(10)"), SQLException.class));
      Thread.sleep(500);
      long start = System.nanoTime();
      sleeper.cancel();

      SQLException error = failure.get(5, TimeUnit.SECONDS);
      assertThat((Throwable) error).isNotNull();
      assertThat(error.getSQLState()).isEqualTo(QUERY_CANCELED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(bystanderMillis.get(10, TimeUnit.SECONDS)).isBetween(1_000L, 5_000L);
      assertThat(selectOne(cancelled)).isEqualTo(1);
    }
  }

  @Test
  void aCancelFromAnIdleSessionNeverHitsTheClientNowOnItsOldConnection(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 1);
         Connection idle = connect(stack);
         Connection busy = connect(stack)) {
      assertThat(selectOne(idle)).isEqualTo(1);
      CompletableFuture<Long> busyMillis = CompletableFuture.supplyAsync(() -> timedSleep(busy, 2));
      Thread.sleep(500);
      // The only pooled connection served 'idle' a moment ago and now runs 'busy''s query.
      idle.unwrap(BaseConnection.class).cancelQuery();
      assertThat(busyMillis.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2_000L);
      assertThat(selectOne(idle)).isEqualTo(1);
    }
  }

  @Test
  void queryTimeoutCancelsWithin57014(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 2);
         Connection c = connect(stack);
         Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException error = catchThrowableOfType(() -> s.execute("SELECT pg_sleep(10)"), SQLException.class);
      assertThat((Throwable) error).isNotNull();
      assertThat(error.getSQLState()).isEqualTo(QUERY_CANCELED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void cancelWhileWaitingForAPooledConnection(EmbeddedOrigin origin) throws Exception {
    try (RelayStack stack = RelayStack.start(origin, 1);
         Connection holder = connect(stack);
         Connection waiter = connect(stack);
         Statement waiting = waiter.createStatement()) {
      holder.setAutoCommit(false);
      assertThat(selectOne(holder)).isEqualTo(1);
      // The only pooled connection is held by an open transaction, so this query queues at the endpoint.
      CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(
          () -> catchThrowableOfType(() -> waiting.execute("SELECT pg_sleep(10)"), SQLException.class));
      Thread.sleep(500);
      waiting.cancel();

      SQLException error = failure.get(5, TimeUnit.SECONDS);
      assertThat((Throwable) error).isNotNull();
      assertThat(error.getSQLState()).isEqualTo(QUERY_CANCELED);
      holder.commit();
      assertThat(selectOne(waiter)).isEqualTo(1);
    }
  }

  private static Connection connect(RelayStack stack) throws SQLException {
    return DriverManager.getConnection(stack.jdbcUrl("prepareThreshold=1"), RelayStack.USER, RelayStack.PASSWORD);
  }

  private static long timedSleep(Connection c, int seconds) {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_sleep(" + seconds + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("another client's cancel reached this session", e);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
