package dev.hyperdrive.auth;

import static dev.hyperdrive.auth.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.hyperdrive.wire.SqlState;
import org.junit.jupiter.api.Test;

/** MD5 hashing both halves agree on, and the server exchange built on it. */
class Md5SecretTest {
  @Test
  void hashAndSaltedResponseMatchValuesComputedIndependently() {
    // Expected values from Python: "md5" + hashlib.md5(b"pencil" + b"user").hexdigest(), then salted with 01020304.
    Md5Secret secret = Md5Secret.fromPassword("user", "pencil");

    assertThat(secret.hash()).isEqualTo("md520c46e3762c864548e296b33c3406aa9");
    assertThat(secret.saltedResponse(new byte[] {1, 2, 3, 4})).isEqualTo("md54376eb6913b38f9aaff38dc7cf19ca76");
    assertThat(secret.toString()).doesNotContain("20c46e");
  }

  @Test
  void serverAcceptsTheRightResponseWhetherItStoresThePasswordOrTheHash() throws Exception {
    for (UserSecret stored : new UserSecret[] {new PlainPassword("pencil"), Md5Secret.fromPassword("user", "pencil")}) {
      Md5ServerExchange server = new Md5ServerExchange("user", stored);
      server.receiveResponse(Md5Secret.fromPassword("user", "pencil").saltedResponse(server.salt()));

      assertThat(server.state()).isEqualTo(Md5ServerExchange.State.SUCCEEDED);
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    Md5ServerExchange server = new Md5ServerExchange("user", new PlainPassword("pencil"));
    String response = Md5Secret.fromPassword("user", "crayon").saltedResponse(server.salt());

    assertRefused(() -> server.receiveResponse(response), SqlState.INVALID_PASSWORD,
        "password authentication failed for user \"user\"");
  }

  @Test
  void hashOfTheSamePasswordForAnotherUserIsRefused() {
    Md5ServerExchange server = new Md5ServerExchange("user", new PlainPassword("pencil"));
    String response = Md5Secret.fromPassword("other", "pencil").saltedResponse(server.salt());

    assertRefused(() -> server.receiveResponse(response), SqlState.INVALID_PASSWORD, "password authentication");
  }

  @Test
  void unknownUserAndScramOnlyUserFailLikeAWrongPassword() {
    for (UserSecret stored : new UserSecret[] {null, ScramCredential.fromPassword("pencil")}) {
      Md5ServerExchange server = new Md5ServerExchange("user", stored);
      String response = Md5Secret.fromPassword("user", "pencil").saltedResponse(server.salt());

      assertRefused(() -> server.receiveResponse(response), SqlState.INVALID_PASSWORD, "password authentication");
    }
  }

  @Test
  void saltsDifferBetweenExchanges() {
    assertThat(new Md5ServerExchange("u", null).salt()).hasSize(4)
        .isNotEqualTo(new Md5ServerExchange("u", null).salt());
  }

  @Test
  void malformedHashIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Md5Secret("md5XYZ"));
  }
}
