package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The edge's and the endpoint's halves log in to each other for every method and every stored form. */
class AuthenticatorsTest {
  static Stream<Arguments> methodsAndSecrets() {
    return Stream.of(AuthMethod.values()).flatMap(method -> Stream.of(
        Arguments.of(method, new PlainPassword("pencil")),
        Arguments.of(method, Md5Secret.fromPassword("alice", "pencil")),
        Arguments.of(method, ScramCredential.fromPassword("pencil"))))
        // SCRAM cannot be verified against an MD5 hash; that pairing is refused below.
        .filter(arguments -> !(arguments.get()[0] == AuthMethod.SCRAM_SHA_256 && arguments.get()[1] instanceof Md5Secret));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("methodsAndSecrets")
  void rightPasswordLogsIn(AuthMethod method, UserSecret secret) throws Exception {
    ServerAuthenticator server = new ServerAuthenticator(method, "alice", secret);
    ClientAuthenticator client = new ClientAuthenticator("alice", "pencil");

    LoginConversation.run(server, client);

    assertThat(server.state()).isEqualTo(ServerAuthenticator.State.SUCCEEDED);
    assertThat(client.isAuthenticated()).isTrue();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("methodsAndSecrets")
  void wrongPasswordIsRefused(AuthMethod method, UserSecret secret) {
    ServerAuthenticator server = new ServerAuthenticator(method, "alice", secret);
    ClientAuthenticator client = new ClientAuthenticator("alice", "crayon");

    assertRefused(() -> LoginConversation.run(server, client), SqlState.INVALID_PASSWORD,
        "password authentication failed for user \"alice\"");
    assertThat(server.state()).isEqualTo(ServerAuthenticator.State.FAILED);
  }

  @Test
  void unknownUserIsRefusedLikeAWrongPasswordWithEveryMethod() {
    for (AuthMethod method : AuthMethod.values()) {
      ServerAuthenticator server = new ServerAuthenticator(method, "mallory", null);

      assertRefused(() -> LoginConversation.run(server, new ClientAuthenticator("mallory", "pencil")),
          SqlState.INVALID_PASSWORD, "password authentication failed for user \"mallory\"");
    }
  }

  @Test
  void scramAgainstAnMd5HashIsRefusedAtTheEndOfTheExchange() {
    ServerAuthenticator server =
        new ServerAuthenticator(AuthMethod.SCRAM_SHA_256, "alice", Md5Secret.fromPassword("alice", "pencil"));

    assertRefused(() -> LoginConversation.run(server, new ClientAuthenticator("alice", "pencil")),
        SqlState.INVALID_PASSWORD, "password authentication failed");
  }

  @Test
  void md5WithAScramSecretRunsScramAsPostgresDoes() {
    ServerAuthenticator server =
        new ServerAuthenticator(AuthMethod.MD5, "alice", ScramCredential.fromPassword("pencil"));

    assertThat(server.method()).isEqualTo(AuthMethod.SCRAM_SHA_256);
    assertThat(server.start()).isInstanceOf(AuthenticationSasl.class);
  }

  @Test
  void serverAdvertisesScramWithoutChannelBinding() {
    ServerAuthenticator server = new ServerAuthenticator(AuthMethod.SCRAM_SHA_256, "alice", new PlainPassword("x"));

    assertThat(server.start()).isEqualTo(new AuthenticationSasl(List.of("SCRAM-SHA-256")));
  }
}
