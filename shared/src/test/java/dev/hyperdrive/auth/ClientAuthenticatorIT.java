package dev.hyperdrive.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.embedded.EmbeddedOrigin;
import dev.hyperdrive.testing.PostgresExtension;
import dev.hyperdrive.wire.TransactionStatus;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.DataRow;
import dev.hyperdrive.wire.backend.ReadyForQuery;
import dev.hyperdrive.wire.frontend.FrontendMessage;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.StartupMessage;
import dev.hyperdrive.wire.frontend.Terminate;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our client half logs in to a real PostgreSQL with each method its pg_hba.conf demands. */
@ExtendWith(PostgresExtension.class)
class ClientAuthenticatorIT {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "hyperdrive,     hyperdrive,     AuthenticationSasl",
      "md5_user,       md5_user,       AuthenticationMd5Password",
      "cleartext_user, cleartext_user, AuthenticationCleartextPassword",
  })
  void logsInAndRunsAQuery(String user, String password, String expectedRequest, EmbeddedOrigin origin)
      throws Exception {
    try (BlockingWire wire = new BlockingWire(new Socket(origin.host(), origin.port()))) {
      List<BackendMessage> received = login(wire, origin, user, password);

      assertThat(received.get(0).getClass().getSimpleName()).isEqualTo(expectedRequest);
      assertThat(received).last().isEqualTo(new ReadyForQuery(TransactionStatus.IDLE));
      assertThat(currentUser(wire)).isEqualTo(user);
      wire.send(Terminate.INSTANCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"hyperdrive", "md5_user", "cleartext_user"})
  void wrongPasswordIsRefusedByTheServer(String user, EmbeddedOrigin origin) throws Exception {
    try (BlockingWire wire = new BlockingWire(new Socket(origin.host(), origin.port()))) {
      AuthenticationException refused = null;
      try {
        login(wire, origin, user, "not-the-password");
      } catch (AuthenticationException e) {
        refused = e;
      }

      assertThat(refused).as("login with a wrong password").isNotNull();
      assertThat(refused.sqlState()).isEqualTo("28P01");
      assertThat(refused.getMessage()).isEqualTo("password authentication failed for user \"" + user + "\"");
    }
  }

  /** Startup and login; returns every message received up to and including the first ReadyForQuery. */
  private static List<BackendMessage> login(BlockingWire wire, EmbeddedOrigin origin, String user, String password)
      throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", user);
    parameters.put("database", origin.database());
    wire.send(new StartupMessage(StartupMessage.PROTOCOL_3_0, parameters));
    ClientAuthenticator authenticator = new ClientAuthenticator(user, password);
    List<BackendMessage> received = new ArrayList<>();
    while (true) {
      BackendMessage message = wire.receiveBackend();
      received.add(message);
      if (!authenticator.isAuthenticated()) {
        Optional<FrontendMessage> answer = authenticator.receive(message);
        if (answer.isPresent()) {
          wire.send(answer.get());
        }
      } else if (message instanceof ReadyForQuery) {
        return received;
      }
    }
  }

  private static String currentUser(BlockingWire wire) throws Exception {
    wire.send(new Query("select current_user"));
    String user = null;
    for (BackendMessage message = wire.receiveBackend(); !(message instanceof ReadyForQuery);
        message = wire.receiveBackend()) {
      if (message instanceof DataRow) {
        user = new String(((DataRow) message).columns().get(0), StandardCharsets.UTF_8);
      }
    }
    return user;
  }
}
