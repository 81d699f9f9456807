package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import dev.hyperdrive.wire.backend.AuthenticationCleartextPassword;
import dev.hyperdrive.wire.backend.AuthenticationGss;
import dev.hyperdrive.wire.backend.AuthenticationKerberosV5;
import dev.hyperdrive.wire.backend.AuthenticationMd5Password;
import dev.hyperdrive.wire.backend.AuthenticationOk;
import dev.hyperdrive.wire.backend.AuthenticationSasl;
import dev.hyperdrive.wire.backend.AuthenticationSaslFinal;
import dev.hyperdrive.wire.backend.AuthenticationSspi;
import dev.hyperdrive.wire.backend.BackendMessage;
import dev.hyperdrive.wire.backend.ErrorResponse;
import dev.hyperdrive.wire.frontend.PasswordMessage;
import dev.hyperdrive.wire.frontend.SaslInitialResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint's half answers what it supports and refuses the rest with a message saying what to change. */
class ClientAuthenticatorTest {
  private final ClientAuthenticator client = new ClientAuthenticator("user", "pencil");

  @Test
  void cleartextRequestIsAnsweredWithThePassword() throws Exception {
    assertThat(client.receive(AuthenticationCleartextPassword.INSTANCE)).contains(new PasswordMessage("pencil"));
    assertThat(client.receive(AuthenticationOk.INSTANCE)).isEmpty();
    assertThat(client.isAuthenticated()).isTrue();
  }

  @Test
  void md5RequestIsAnsweredWithTheSaltedHash() throws Exception {
    // Expected value computed independently; see Md5SecretTest.
    assertThat(client.receive(new AuthenticationMd5Password(new byte[] {1, 2, 3, 4})))
        .contains(new PasswordMessage("md54376eb6913b38f9aaff38dc7cf19ca76"));
  }

  @Test
  void scramIsChosenAmongTheServersMechanisms() throws Exception {
    assertThat(client.receive(new AuthenticationSasl(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"))))
        .hasValueSatisfying(message -> assertThat(message).isInstanceOfSatisfying(SaslInitialResponse.class,
            initial -> assertThat(initial.mechanism()).isEqualTo("SCRAM-SHA-256")));
  }

  @Test
  void serverThatTrustsTheConnectionNeedsNoPassword() throws Exception {
    assertThat(client.receive(AuthenticationOk.INSTANCE)).isEmpty();
    assertThat(client.isAuthenticated()).isTrue();
  }

  @Test
  void channelBindingOnlyServerIsRefusedWithAClearMessage() {
    assertRefused(() -> client.receive(new AuthenticationSasl(List.of("SCRAM-SHA-256-PLUS"))),
        SqlState.FEATURE_NOT_SUPPORTED, "requires SCRAM-SHA-256-PLUS (channel binding), which is not supported");
  }

  @Test
  void unknownSaslMechanismsAreRefused() {
    assertRefused(() -> client.receive(new AuthenticationSasl(List.of("OAUTHBEARER"))),
        SqlState.FEATURE_NOT_SUPPORTED, "none of the server's SASL mechanisms [OAUTHBEARER] is supported");
  }

  @Test
  void gssSspiAndKerberosAreRefusedWithAClearMessage() {
    for (BackendMessage request : new BackendMessage[] {
        AuthenticationGss.INSTANCE, AuthenticationSspi.INSTANCE, AuthenticationKerberosV5.INSTANCE}) {
      assertRefused(() -> new ClientAuthenticator("user", "pencil").receive(request), SqlState.FEATURE_NOT_SUPPORTED,
          "authentication, which is not supported; give user \"user\" the scram-sha-256, md5 or password method");
    }
  }

  @Test
  void serverErrorIsThrownWithItsSqlState() {
    ErrorResponse error = ErrorResponse.fatal("28P01", "password authentication failed for user \"user\"");

    assertRefused(() -> client.receive(error), "28P01", "password authentication failed for user \"user\"");
    assertThat(client.state()).isEqualTo(ClientAuthenticator.State.FAILED);
  }

  @Test
  void saslFinalWithoutAnExchangeIsRefused() {
    assertRefused(() -> client.receive(new AuthenticationSaslFinal(new byte[] {'v', '='})),
        SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "unexpected AuthenticationSaslFinal");
  }

  @Test
  void okBeforeTheServerSignatureIsRefused() throws Exception {
    client.receive(new AuthenticationSasl(List.of("SCRAM-SHA-256")));

    // A server skipping the SCRAM steps must not count as authenticated: it never proved it knows the secret.
    assertRefused(() -> client.receive(AuthenticationOk.INSTANCE), SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
        "unexpected AuthenticationOk");
  }
}
