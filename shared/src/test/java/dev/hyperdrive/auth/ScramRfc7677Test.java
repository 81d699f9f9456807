package dev.hyperdrive.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Both halves reproduce the SCRAM-SHA-256 example of RFC 7677 section 3 byte for byte. */
class ScramRfc7677Test {
  static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
  static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
  static final String SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
      + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  static ScramCredential pencil() {
    return ScramCredential.fromPassword("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
  }

  static ScramServerExchange server() {
    return new ScramServerExchange("user", pencil(), false, SERVER_NONCE);
  }

  @Test
  void clientProducesTheRfcMessagesAndAcceptsTheServerSignature() throws Exception {
    ScramClientExchange client = new ScramClientExchange("user", "pencil", CLIENT_NONCE);

    assertThat(new String(client.clientFirst(), UTF_8)).isEqualTo(CLIENT_FIRST);
    assertThat(new String(client.receiveServerFirst(SERVER_FIRST.getBytes(UTF_8)), UTF_8)).isEqualTo(CLIENT_FINAL);
    client.receiveServerFinal(SERVER_FINAL.getBytes(UTF_8));

    assertThat(client.state()).isEqualTo(ScramClientExchange.State.SUCCEEDED);
  }

  @Test
  void serverProducesTheRfcMessagesAndAcceptsTheClientProof() throws Exception {
    ScramServerExchange server = server();

    assertThat(new String(server.receiveClientFirst(CLIENT_FIRST.getBytes(UTF_8)), UTF_8)).isEqualTo(SERVER_FIRST);
    assertThat(new String(server.receiveClientFinal(CLIENT_FINAL.getBytes(UTF_8)), UTF_8)).isEqualTo(SERVER_FINAL);

    assertThat(server.state()).isEqualTo(ScramServerExchange.State.SUCCEEDED);
  }

  @Test
  void credentialMatchesTheKeysTheRfcExampleImplies() {
    ScramCredential credential = pencil();

    assertThat(ScramCredential.parse(credential.toString())).isEqualTo(credential);
    // StoredKey and ServerKey computed independently (Python hashlib.pbkdf2_hmac + hmac).
    assertThat(credential.toString()).isEqualTo("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
        + "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
    assertThat(credential.matchesPassword("user", "pencil")).isTrue();
    assertThat(credential.matchesPassword("user", "pencil2")).isFalse();
  }
}
