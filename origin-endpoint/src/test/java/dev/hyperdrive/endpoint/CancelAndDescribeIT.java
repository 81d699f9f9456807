package dev.hyperdrive.endpoint;

import static dev.hyperdrive.endpoint.RelayStream.error;
import static dev.hyperdrive.endpoint.RelaySessionIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.endpoint.config.PoolSettings;
import dev.hyperdrive.proto.relay.CancelRequest;
import dev.hyperdrive.proto.relay.DescribeOriginReply;
import dev.hyperdrive.proto.relay.DescribeOriginRequest;
import dev.hyperdrive.proto.relay.Parameter;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.frontend.Query;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Cancel and DescribeOrigin RPCs. */
@ExtendWith(PostgresExtension.class)
class CancelAndDescribeIT {

  @Test
  void cancelReachesTheBackendRunningThatSessionsQueryAndNoOther(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS.withDefaultPoolSize(2));
         RelayStream victim = relay.session(relay.DATABASE, "victim");
         RelayStream bystander = relay.session(relay.DATABASE, "bystander")) {
      // 1. Two sessions sleep on two backends.
      victim.send(new Query("SELECT pg_sleep(30)"));
      bystander.send(new Query("SELECT pg_sleep(1.5), 'finished'"));
      awaitActiveSleeps(relay, 2);

      // 2. Cancel names the victim: it gets 57014 and its session goes on.
      assertThat(relay.blocking().cancel(CancelRequest.newBuilder()
          .setDatabase(RelayHarness.DATABASE).setSessionId("victim").build()).getDelivered()).isTrue();
      List<BackendMessage> cancelled = victim.untilReady();
      assertThat(error(cancelled).sqlState()).isEqualTo("57014");
      assertThat(text((DataRow) victim.query("SELECT 'alive'").get(1), 0)).isEqualTo("alive");

      // 3. The bystander's query ran to completion.
      List<BackendMessage> finished = bystander.untilReady();
      assertThat(text((DataRow) finished.get(1), 1)).isEqualTo("finished");

      // 4. With nothing in flight there is nothing to cancel.
      assertThat(relay.blocking().cancel(CancelRequest.newBuilder()
          .setDatabase(RelayHarness.DATABASE).setSessionId("victim").build()).getDelivered()).isFalse();
      assertThat(relay.blocking().cancel(CancelRequest.newBuilder()
          .setDatabase(RelayHarness.DATABASE).setSessionId("nobody").build()).getDelivered()).isFalse();
    }
  }

  @Test
  void describeOriginReturnsTheOriginsStartupParameters(EmbeddedOrigin origin) throws Exception {
    try (RelayHarness relay = RelayHarness.start(origin, PoolSettings.DEFAULTS)) {
      DescribeOriginReply reply = relay.blocking().describeOrigin(
          DescribeOriginRequest.newBuilder().setDatabase(RelayHarness.DATABASE).build());
      Map<String, String> parameters = reply.getParametersList().stream()
          .collect(Collectors.toMap(Parameter::getName, Parameter::getValue));

      try (Connection direct = relay.originJdbc(); Statement s = direct.createStatement();
           ResultSet rs = s.executeQuery("SHOW server_version")) {
        rs.next();
        assertThat(parameters).containsEntry("server_version", rs.getString(1));
      }
      assertThat(parameters).containsKeys("server_encoding", "client_encoding", "DateStyle", "TimeZone",
          "integer_datetimes", "standard_conforming_strings");
      assertThat(parameters).containsEntry("application_name", relay.applicationName());

      assertThatThrownBy(() -> relay.blocking().describeOrigin(
          DescribeOriginRequest.newBuilder().setDatabase("not-here").build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  private static void awaitActiveSleeps(RelayHarness relay, int count) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      try (Connection c = relay.originJdbc(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
               + " AND query LIKE 'SELECT pg_sleep%' AND application_name = '" + relay.applicationName() + "'")) {
        rs.next();
        if (rs.getInt(1) >= count) {
          return;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError(count + " sleeping queries never showed up in pg_stat_activity");
  }
}
