package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationOk;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.AuthResponseKind;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.Query;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import dev.hyperdrive.wire.frontend.SaslResponse;
import org.junit.jupiter.api.Test;

/** The edge's half refuses answers that do not fit the exchange it started. */
class ServerAuthenticatorTest {
  private static final String BAD = SqlState.INVALID_AUTHORIZATION_SPECIFICATION;

  private static ServerAuthenticator started(AuthMethod method) {
    ServerAuthenticator server = new ServerAuthenticator(method, "alice", new PlainPassword("pencil"));
    server.start();
    return server;
  }

  @Test
  void cleartextAcceptsTheRightPasswordOnly() throws Exception {
    ServerAuthenticator server = new ServerAuthenticator(AuthMethod.CLEARTEXT, "alice", new PlainPassword("pencil"));

    assertThat(server.start()).isSameAs(AuthenticationCleartextPassword.INSTANCE);
    assertThat(server.expectedResponse()).isEqualTo(AuthResponseKind.PASSWORD);
    assertThat(server.receive(new PasswordMessage("pencil"))).containsExactly(AuthenticationOk.INSTANCE);
  }

  @Test
  void md5SendsAFreshFourByteSalt() {
    ServerAuthenticator server = new ServerAuthenticator(AuthMethod.MD5, "alice", new PlainPassword("pencil"));

    assertThat(server.start()).isInstanceOfSatisfying(AuthenticationMd5Password.class,
        request -> assertThat(request.salt()).hasSize(4));
  }

  @Test
  void emptyPasswordIsRefused() {
    ServerAuthenticator server = started(AuthMethod.CLEARTEXT);

    assertRefused(() -> server.receive(new PasswordMessage("")), SqlState.INVALID_PASSWORD, "password authentication");
  }

  @Test
  void aQueryInsteadOfAPasswordIsRefused() {
    ServerAuthenticator server = started(AuthMethod.CLEARTEXT);

    assertRefused(() -> server.receive(new Query("select 1")), BAD, "expected a password response, got Query");
  }

  @Test
  void passwordInsteadOfSaslIsRefused() {
    ServerAuthenticator server = started(AuthMethod.SCRAM_SHA_256);

    assertThat(server.expectedResponse()).isEqualTo(AuthResponseKind.SASL_INITIAL);
    assertRefused(() -> server.receive(new PasswordMessage("pencil")), BAD, "expected a SASL initial response");
  }

  @Test
  void otherSaslMechanismIsRefused() {
    ServerAuthenticator server = started(AuthMethod.SCRAM_SHA_256);

    assertRefused(() -> server.receive(new SaslInitialResponse("SCRAM-SHA-256-PLUS", "p=tls-unique,,n=,r=x"
        .getBytes(UTF_8))), BAD, "invalid SASL authentication mechanism \"SCRAM-SHA-256-PLUS\"");
  }

  @Test
  void saslInitialResponseWithoutDataIsRefused() {
    ServerAuthenticator server = started(AuthMethod.SCRAM_SHA_256);

    assertRefused(() -> server.receive(new SaslInitialResponse("SCRAM-SHA-256", null)), BAD, "client-first-message");
  }

  @Test
  void malformedScramIsRefusedThroughTheAuthenticator() throws Exception {
    ServerAuthenticator server = started(AuthMethod.SCRAM_SHA_256);
    server.receive(new SaslInitialResponse("SCRAM-SHA-256", "n,,n=,r=abc".getBytes(UTF_8)));

    assertThat(server.expectedResponse()).isEqualTo(AuthResponseKind.SASL_RESPONSE);
    assertRefused(() -> server.receive(new SaslResponse("c=biws".getBytes(UTF_8))), BAD, "malformed SCRAM message");
    assertThat(server.state()).isEqualTo(ServerAuthenticator.State.FAILED);
  }

  @Test
  void nothingIsAcceptedAfterTheLoginEnded() throws Exception {
    ServerAuthenticator server = started(AuthMethod.CLEARTEXT);
    server.receive(new PasswordMessage("pencil"));

    assertRefused(() -> server.receive(new PasswordMessage("pencil")), BAD, "authentication is SUCCEEDED");
  }

  @Test
  void refusalBecomesAFatalErrorResponse() {
    ErrorResponse error = AuthenticationException.passwordFailed("alice").toErrorResponse();

    assertThat(error.isFatal()).isTrue();
    assertThat(error.sqlState()).isEqualTo("28P01");
    assertThat(error.message()).isEqualTo("password authentication failed for user \"alice\"");
  }
}
