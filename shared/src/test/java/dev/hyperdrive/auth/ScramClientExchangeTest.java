package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client half refuses servers that do not prove they know the secret, and malformed messages. */
class ScramClientExchangeTest {
  private static final String BAD = SqlState.INVALID_AUTHORIZATION_SPECIFICATION;

  private static ScramClientExchange clientAfterFirst() throws AuthenticationException {
    ScramClientExchange client = new ScramClientExchange("user", "pencil", ScramRfc7677Test.CLIENT_NONCE);
    client.clientFirst();
    return client;
  }

  @Test
  void tamperedServerSignatureIsRefused() throws Exception {
    ScramClientExchange client = clientAfterFirst();
    client.receiveServerFirst(ScramRfc7677Test.SERVER_FIRST.getBytes(UTF_8));
    String tampered = ScramRfc7677Test.SERVER_FINAL.replace("v=6rri", "v=6rrj");

    assertRefused(() -> client.receiveServerFinal(tampered.getBytes(UTF_8)), BAD, "incorrect SCRAM server signature");
    assertThat(client.state()).isEqualTo(ScramClientExchange.State.FAILED);
  }

  @Test
  void serverHoldingOnlyTheStoredKeyCannotPassAsTheRealServer() throws Exception {
    ScramCredential real = ScramCredential.fromPassword("pencil");
    // Someone who stole StoredKey can check proofs but cannot sign: ServerKey is what proves the server.
    ScramCredential stolen = new ScramCredential(real.iterations(), real.salt(), real.storedKey(), new byte[32]);
    ScramServerExchange impostor = new ScramServerExchange("user", stolen);
    ScramClientExchange client = new ScramClientExchange("", "pencil");
    byte[] clientFinal = client.receiveServerFirst(impostor.receiveClientFirst(client.clientFirst()));
    byte[] serverFinal = impostor.receiveClientFinal(clientFinal);

    assertRefused(() -> client.receiveServerFinal(serverFinal), BAD, "incorrect SCRAM server signature");
  }

  @Test
  void serverErrorAttributeIsReported() throws Exception {
    ScramClientExchange client = clientAfterFirst();
    client.receiveServerFirst(ScramRfc7677Test.SERVER_FIRST.getBytes(UTF_8));

    assertRefused(() -> client.receiveServerFinal("e=invalid-proof".getBytes(UTF_8)), SqlState.INVALID_PASSWORD,
        "invalid-proof");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096         | does not extend the client nonce",
      "r=someoneElsesNonce123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096         | does not extend the client nonce",
      "m=ext,r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096 | unsupported SCRAM extension",
      "r=rOprNGfwEbeRWgbNEkqOxyz,i=4096                                  | expected attribute \"s\"",
      "r=rOprNGfwEbeRWgbNEkqOxyz,s=,i=4096                               | empty salt",
      "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22Z*J0S,i=4096                       | not valid base64",
      "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0          | iteration count must be positive",
      "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=lots       | iteration count is not a number",
      "r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==              | expected attribute \"i\"",
  })
  void malformedServerFirstIsRefused(String serverFirst, String reason) throws Exception {
    ScramClientExchange client = clientAfterFirst();

    assertRefused(() -> client.receiveServerFirst(serverFirst.getBytes(UTF_8)), BAD, reason);
    assertThat(client.state()).isEqualTo(ScramClientExchange.State.FAILED);
  }

  @Test
  void serverFinalWithoutVerifierIsRefused() throws Exception {
    ScramClientExchange client = clientAfterFirst();
    client.receiveServerFirst(ScramRfc7677Test.SERVER_FIRST.getBytes(UTF_8));

    assertRefused(() -> client.receiveServerFinal("x=1".getBytes(UTF_8)), BAD, "expected attribute \"v\"");
  }

  @Test
  void stepsOutOfOrderAreRefused() throws Exception {
    ScramClientExchange client = new ScramClientExchange("user", "pencil", ScramRfc7677Test.CLIENT_NONCE);

    assertRefused(() -> client.receiveServerFirst(ScramRfc7677Test.SERVER_FIRST.getBytes(UTF_8)), BAD,
        "in state INITIAL");
    assertRefused(client::clientFirst, BAD, "in state FAILED");
  }

  @Test
  void userNameIsEscapedAsRfc5802Requires() throws Exception {
    ScramClientExchange client = new ScramClientExchange("a=b,c", "pw", "nonce");

    assertThat(new String(client.clientFirst(), UTF_8)).isEqualTo("n,,n=a=3Db=2Cc,r=nonce");
  }
}
