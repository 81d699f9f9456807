package dev.hyperdrive.edge.session;

import dev.hyperdrive.auth.AuthMethod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.config.HostPort;
import dev.hyperdrive.edge.EdgeConfig;
import dev.hyperdrive.wire.backend.NegotiateProtocolVersion;
import dev.hyperdrive.wire.frontend.StartupMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptedStartupTest {
  private static final EdgeConfig CONFIG = new EdgeConfig("edge", new HostPort("127.0.0.1", 0), Optional.empty(),
      List.of(new EdgeConfig.Endpoint("e", new HostPort("127.0.0.1", 7100))),
      List.of(new EdgeConfig.Database("app", "app", "pw", AuthMethod.SCRAM_SHA_256, List.of("e"))));

  @Test
  void databaseDefaultsToTheUserAndParametersKeepTheDriversOrder() throws SessionRefused {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", "app");
    parameters.put("TimeZone", "UTC");
    parameters.put("application_name", "x");
    parameters.put("client_encoding", "UTF8");
    AcceptedStartup accepted = AcceptedStartup.check(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters), CONFIG::database);
    assertThat(accepted.database().name()).isEqualTo("app");
    assertThat(accepted.sessionParameters().keySet()).containsExactly("TimeZone", "application_name", "client_encoding");
    assertThat(accepted.negotiation()).isEmpty();
  }

  @Test
  void protocolOptionsAreListedInTheNegotiationAndNotRelayed() throws SessionRefused {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", "app");
    parameters.put("_pq_.command_compression", "on");
    AcceptedStartup accepted = AcceptedStartup.check(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters), CONFIG::database);
    assertThat(accepted.negotiation()).contains(new NegotiateProtocolVersion(0, List.of("_pq_.command_compression")));
    assertThat(accepted.sessionParameters()).isEmpty();
  }

  @Test
  void refusalsCarryPostgresqlsSqlStates() {
    assertThat(refusal(Map.of("user", "app", "database", "other"))).isEqualTo("3D000");
    assertThat(refusal(Map.of("user", "bob", "database", "app"))).isEqualTo("28000");
    assertThat(refusal(Map.of("database", "app"))).isEqualTo("28000");
    assertThat(refusal(Map.of("user", "app", "replication", "database"))).isEqualTo("0A000");
  }

  private static String refusal(Map<String, String> parameters) {
    try {
      AcceptedStartup.check(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters), CONFIG::database);
      throw new AssertionError("accepted " + parameters);
    } catch (SessionRefused refused) {
      return refused.error().fields().sqlState();
    }
  }
}
