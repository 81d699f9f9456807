package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hyperdrive.wire.SqlState;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Our client half logs in to our server half; a different password never does. */
class ScramRoundTripTest {
  @Property(tries = 40)
  void anyPasswordLogsInWithItsOwnCredential(@ForAll @StringLength(min = 1, max = 40) String password)
      throws Exception {
    ScramServerExchange server = new ScramServerExchange("u", ScramCredential.fromPassword(password));
    ScramClientExchange client = new ScramClientExchange("u", password);

    client.receiveServerFinal(server.receiveClientFinal(client.receiveServerFirst(
        server.receiveClientFirst(client.clientFirst()))));

    assertThat(server.state()).isEqualTo(ScramServerExchange.State.SUCCEEDED);
    assertThat(client.state()).isEqualTo(ScramClientExchange.State.SUCCEEDED);
  }

  @Property(tries = 40)
  void anyOtherPasswordIsRefused(@ForAll @StringLength(min = 1, max = 40) String password,
      @ForAll @StringLength(min = 1, max = 40) String attempt) throws Exception {
    Assume.that(!Arrays.equals(SaslPrep.prepare(password), SaslPrep.prepare(attempt)));
    ScramServerExchange server = new ScramServerExchange("u", ScramCredential.fromPassword(password));
    ScramClientExchange client = new ScramClientExchange("u", attempt);
    byte[] clientFinal = client.receiveServerFirst(server.receiveClientFirst(client.clientFirst()));

    assertRefused(() -> server.receiveClientFinal(clientFinal), SqlState.INVALID_PASSWORD, "password authentication");
  }

  @Test
  void passwordsEqualAfterSaslPrepLogInToEachOther() throws Exception {
    // U+2168 ROMAN NUMERAL NINE is "IX" after NFKC; the soft hyphen U+00AD maps to nothing.
    ScramServerExchange server = new ScramServerExchange("u", ScramCredential.fromPassword("\u2168\u00e9"));
    ScramClientExchange client = new ScramClientExchange("u", "I\u00adX\u00e9");

    client.receiveServerFinal(server.receiveClientFinal(client.receiveServerFirst(
        server.receiveClientFirst(client.clientFirst()))));

    assertThat(client.state()).isEqualTo(ScramClientExchange.State.SUCCEEDED);
  }

  @Test
  void credentialSurvivesItsTextForm() {
    ScramCredential credential = ScramCredential.fromPassword("secret");

    assertThat(ScramCredential.parse(credential.toString())).isEqualTo(credential);
    assertThat(credential.iterations()).isEqualTo(4096);
    assertThat(credential.salt()).hasSize(16);
    assertThat(credential.toString()).doesNotContain("secret");
  }
}
