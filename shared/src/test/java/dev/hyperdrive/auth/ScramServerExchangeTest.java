package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server half refuses wrong proofs, malformed messages and unsupported options. */
class ScramServerExchangeTest {
  private static final String BAD = SqlState.INVALID_AUTHORIZATION_SPECIFICATION;

  @Test
  void wrongPasswordIsRefusedWithInvalidPassword() throws Exception {
    ScramServerExchange server = new ScramServerExchange("alice", ScramCredential.fromPassword("right"));
    ScramClientExchange client = new ScramClientExchange("", "wrong");
    byte[] clientFinal = client.receiveServerFirst(server.receiveClientFirst(client.clientFirst()));

    assertRefused(() -> server.receiveClientFinal(clientFinal), SqlState.INVALID_PASSWORD,
        "password authentication failed for user \"alice\"");
    assertThat(server.state()).isEqualTo(ScramServerExchange.State.FAILED);
  }

  @Test
  void unknownUserRunsTheWholeExchangeAndFailsLikeAWrongPassword() throws Exception {
    ScramServerExchange server = ScramServerExchange.withoutCredential("mallory");
    ScramClientExchange client = new ScramClientExchange("", "anything");
    String serverFirst = new String(server.receiveClientFirst(client.clientFirst()), UTF_8);
    byte[] clientFinal = client.receiveServerFirst(serverFirst.getBytes(UTF_8));

    assertThat(serverFirst).matches("r=[^,]+,s=[A-Za-z0-9+/=]{24},i=4096");
    assertRefused(() -> server.receiveClientFinal(clientFinal), SqlState.INVALID_PASSWORD,
        "password authentication failed for user \"mallory\"");
  }

  @Test
  void unknownUserSeesTheSameSaltEveryTimeLikeARealOne() throws Exception {
    assertThat(saltOffered(ScramServerExchange.withoutCredential("mallory")))
        .isEqualTo(saltOffered(ScramServerExchange.withoutCredential("mallory")))
        .isNotEqualTo(saltOffered(ScramServerExchange.withoutCredential("trudy")));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''                                        | malformed SCRAM message",
      "n                                         | malformed SCRAM message",
      "x,,n=,r=abc                               | unexpected channel-binding flag",
      "p=tls-server-end-point,,n=,r=abc          | channel binding is not supported",
      "n,a=admin,n=,r=abc                        | authorization identity",
      "n,,m=ext,n=,r=abc                         | unsupported SCRAM extension",
      "n,,r=abc                                  | expected attribute \"n\"",
      "n,,n=                                     | expected attribute \"r\"",
      "n,,n=,r=                                  | empty nonce",
      "'n,,n=,r=a\u00e9b'                        | not printable ASCII",
      "'n,,n=,r=abc,'                            | trailing comma",
      "n,,n=,r=abc,1=x                           | attribute expected",
  })
  void malformedClientFirstIsRefused(String clientFirst, String reason) {
    ScramServerExchange server = new ScramServerExchange("alice", ScramCredential.fromPassword("pw"));

    assertRefused(() -> server.receiveClientFirst(clientFirst.getBytes(UTF_8)), BAD, reason);
    assertThat(server.state()).isEqualTo(ScramServerExchange.State.FAILED);
  }

  @Test
  void clientFirstThatIsNotUtf8IsRefused() {
    ScramServerExchange server = new ScramServerExchange("alice", ScramCredential.fromPassword("pw"));

    assertRefused(() -> server.receiveClientFirst(new byte[] {'n', ',', ',', (byte) 0xC3}), BAD, "not valid UTF-8");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      // The RFC client-final with one part changed at a time.
      "c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ= | channel binding check failed",
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ= | nonce mismatch",
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0                                                | attribute expected",
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzb!apW                                     | not valid base64",
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4=                                 | proof is 8 bytes",
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=,x=1 | unexpected data after the last attribute",
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=        | expected attribute \"c\"",
  })
  void malformedClientFinalIsRefused(String clientFinal, String reason) throws Exception {
    ScramServerExchange server = rfcServerAfterClientFirst();

    assertRefused(() -> server.receiveClientFinal(clientFinal.getBytes(UTF_8)), BAD, reason);
    assertThat(server.state()).isEqualTo(ScramServerExchange.State.FAILED);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "tampered proof                 | p=dHzb | p=dHzc",
      // The extension is signed as part of the AuthMessage, so the RFC proof no longer matches: refused as a
      // wrong proof, which shows the extension was parsed and included rather than rejected as malformed.
      "extension before the proof     | ,p=    | ',x=ignored,p='",
  })
  void changedClientFinalIsRefusedAsAWrongPassword(String change, String from, String to) throws Exception {
    ScramServerExchange server = rfcServerAfterClientFirst();
    String changed = ScramRfc7677Test.CLIENT_FINAL.replace(from, to);

    assertRefused(() -> server.receiveClientFinal(changed.getBytes(UTF_8)), SqlState.INVALID_PASSWORD,
        "password authentication failed");
  }

  @Test
  void messagesOutOfOrderAreRefused() throws Exception {
    ScramServerExchange server = ScramRfc7677Test.server();

    assertRefused(() -> server.receiveClientFinal(ScramRfc7677Test.CLIENT_FINAL.getBytes(UTF_8)), BAD,
        "in state AWAITING_CLIENT_FIRST");
    assertRefused(() -> server.receiveClientFirst(ScramRfc7677Test.CLIENT_FIRST.getBytes(UTF_8)), BAD,
        "in state FAILED");
  }

  private static ScramServerExchange rfcServerAfterClientFirst() throws AuthenticationException {
    ScramServerExchange server = ScramRfc7677Test.server();
    server.receiveClientFirst(ScramRfc7677Test.CLIENT_FIRST.getBytes(UTF_8));
    return server;
  }

  private static String saltOffered(ScramServerExchange server) throws AuthenticationException {
    String serverFirst = new String(server.receiveClientFirst("n,,n=,r=abc".getBytes(UTF_8)), UTF_8);
    return serverFirst.split(",")[1];
  }
}
