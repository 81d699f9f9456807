package dev.hyperdrive.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The server half of one md5 login: a random 4-byte salt goes out in AuthenticationMD5Password, the
 * client's {@code "md5" + md5hex(md5hex(password + user) + salt)} comes back. The server needs the MD5
 * hash or the password. Without either (unknown user, or only a SCRAM secret) the exchange still runs and
 * fails with the wrong-password message, so it does not reveal which users exist.
 */
public final class Md5ServerExchange {
  /** Where the exchange is. */
  public enum State { AWAITING_RESPONSE, SUCCEEDED, FAILED }

  private static final int SALT_LENGTH = 4;

  private final String user;
  private final Md5Secret secret;
  private final boolean doomed;
  private final byte[] salt = ScramCrypto.randomBytes(SALT_LENGTH);
  private State state = State.AWAITING_RESPONSE;

  /** @param secret the user's secret, or {@code null} for a user that does not exist */
  public Md5ServerExchange(String user, UserSecret secret) {
    this.user = user;
    Md5Secret usable = md5SecretOf(user, secret);
    this.doomed = usable == null;
    // A doomed exchange still compares against some hash, so it takes as long as a real one.
    this.secret = doomed ? Md5Secret.fromPassword(user, ScramCrypto.randomNonce()) : usable;
  }

  public State state() {
    return state;
  }

  /** The salt to send in AuthenticationMD5Password. */
  public byte[] salt() {
    return salt.clone();
  }

  /** Checks the PasswordMessage the client answered with. */
  public void receiveResponse(String response) throws AuthenticationException {
    if (state != State.AWAITING_RESPONSE) {
      state = State.FAILED;
      throw AuthenticationException.badExchange("unexpected MD5 password response: the exchange is over");
    }
    boolean matches = MessageDigest.isEqual(secret.saltedResponse(salt).getBytes(StandardCharsets.UTF_8),
        response.getBytes(StandardCharsets.UTF_8));
    if (!matches || doomed) {
      state = State.FAILED;
      throw AuthenticationException.passwordFailed(user);
    }
    state = State.SUCCEEDED;
  }

  private static Md5Secret md5SecretOf(String user, UserSecret secret) {
    if (secret instanceof Md5Secret md5) {
      return md5;
    }
    if (secret instanceof PlainPassword plain) {
      return Md5Secret.fromPassword(user, plain.password());
    }
    return null; // no secret, or a SCRAM secret from which no MD5 hash can be computed
  }
}
