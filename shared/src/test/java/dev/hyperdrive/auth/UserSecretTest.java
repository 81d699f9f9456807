package dev.hyperdrive.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** Stored secrets are classified as PostgreSQL classifies rolpassword, and each verifies cleartext passwords. */
class UserSecretTest {
  @Test
  void classifiesTheThreeForms() {
    ScramCredential scram = ScramCredential.fromPassword("pw");
    Md5Secret md5 = Md5Secret.fromPassword("u", "pw");

    assertThat(UserSecret.parse(scram.toString())).isEqualTo(scram);
    assertThat(UserSecret.parse(md5.hash())).isEqualTo(md5);
    assertThat(UserSecret.parse("md5-but-not-a-hash")).isEqualTo(new PlainPassword("md5-but-not-a-hash"));
  }

  @Test
  void everyFormVerifiesACleartextPassword() {
    for (UserSecret secret : new UserSecret[] {
        new PlainPassword("pw"), Md5Secret.fromPassword("u", "pw"), ScramCredential.fromPassword("pw")}) {
      assertThat(secret.matchesPassword("u", "pw")).as(secret.getClass().getSimpleName()).isTrue();
      assertThat(secret.matchesPassword("u", "pW")).as(secret.getClass().getSimpleName()).isFalse();
    }
  }

  @Test
  void plainPasswordIsNeverPrinted() {
    assertThat(new PlainPassword("hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void malformedScramSecretsAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> ScramCredential.parse("SCRAM-SHA-256$4096:abc"));
    assertThatIllegalArgumentException().isThrownBy(() -> ScramCredential.parse("SCRAM-SHA-256$x:c2FsdA==$a:b"));
    assertThatIllegalArgumentException().isThrownBy(
        () -> ScramCredential.parse("SCRAM-SHA-256$4096:c2FsdA==$c2hvcnQ=:c2hvcnQ="));
    assertThatIllegalArgumentException().isThrownBy(() -> ScramCredential.parse("md5abc"));
  }
}
