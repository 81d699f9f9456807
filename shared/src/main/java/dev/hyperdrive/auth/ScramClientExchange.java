package dev.hyperdrive.auth;

import dev.hyperdrive.wire.SqlState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The client half of one SCRAM-SHA-256 login (RFC 5802, RFC 7677) without channel binding (GS2 header
 * {@code n,,}): client-first, then server-first → client-final, then server-final, whose signature proves
 * the server knew the secret. Used by the endpoint and the placement validator to log in to origins.
 */
public final class ScramClientExchange {
  /** Where the exchange is; each method is valid in exactly one state. */
  public enum State { INITIAL, AWAITING_SERVER_FIRST, AWAITING_SERVER_FINAL, SUCCEEDED, FAILED }

  private static final String GS2_HEADER = "n,,";

  private final String clientFirstBare;
  private final String clientNonce;
  private byte[] preparedPassword;
  private byte[] expectedServerSignature;
  private State state = State.INITIAL;

  /**
   * @param user the SCRAM user name; PostgreSQL ignores it (the StartupMessage names the user), so libpq
   *     sends an empty one, which is what callers should pass unless they mean otherwise
   */
  public ScramClientExchange(String user, String password) {
    this(user, password, ScramCrypto.randomNonce());
  }

  ScramClientExchange(String user, String password, String clientNonce) {
    this.clientNonce = clientNonce;
    this.clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
    this.preparedPassword = SaslPrep.prepare(password);
  }

  public State state() {
    return state;
  }

  /** The client-first-message, the data of the SASLInitialResponse. */
  public byte[] clientFirst() throws AuthenticationException {
    requireState(State.INITIAL, "client-first-message");
    state = State.AWAITING_SERVER_FIRST;
    return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
  }

  /** Consumes the server-first-message (AuthenticationSASLContinue); returns the client-final-message. */
  public byte[] receiveServerFirst(byte[] message) throws AuthenticationException {
    requireState(State.AWAITING_SERVER_FIRST, "server-first-message");
    try {
      ScramMessageReader reader = ScramMessageReader.of(message, "server-first-message");
      if (reader.peekName() == 'm') {
        throw AuthenticationException.badExchange("server requires an unsupported SCRAM extension");
      }
      String nonce = reader.nonce();
      if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
        throw AuthenticationException.badExchange("SCRAM server nonce does not extend the client nonce");
      }
      byte[] salt = reader.base64('s');
      if (salt.length == 0) {
        throw reader.malformed("empty salt");
      }
      int iterations = iterations(reader);
      while (!reader.atEnd()) {
        reader.anyAttributeValue(); // extensions we do not support are skipped
      }
      String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8))
          + ",r=" + nonce;
      String authMessage = clientFirstBare + "," + reader.text() + "," + withoutProof;
      byte[] saltedPassword = ScramCrypto.saltedPassword(preparedPassword, salt, iterations);
      byte[] clientKey = ScramCrypto.clientKey(saltedPassword);
      byte[] clientSignature = ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage);
      byte[] proof = ScramCrypto.xor(clientKey, clientSignature);
      expectedServerSignature = ScramCrypto.hmac(ScramCrypto.serverKey(saltedPassword), authMessage);
      forgetPassword();
      state = State.AWAITING_SERVER_FINAL;
      return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    } catch (AuthenticationException e) {
      fail();
      throw e;
    }
  }

  /** Consumes the server-final-message (AuthenticationSASLFinal) and checks the server's signature. */
  public void receiveServerFinal(byte[] message) throws AuthenticationException {
    requireState(State.AWAITING_SERVER_FINAL, "server-final-message");
    try {
      ScramMessageReader reader = ScramMessageReader.of(message, "server-final-message");
      if (reader.peekName() == 'e') {
        throw new AuthenticationException(SqlState.INVALID_PASSWORD,
            "the server refused the SCRAM login: " + reader.attribute('e'));
      }
      byte[] signature = reader.base64('v');
      while (!reader.atEnd()) {
        reader.anyAttributeValue();
      }
      if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
        throw AuthenticationException.badExchange(
            "incorrect SCRAM server signature: the server does not hold this user's secret");
      }
      state = State.SUCCEEDED;
    } catch (AuthenticationException e) {
      fail();
      throw e;
    }
  }

  private static int iterations(ScramMessageReader reader) throws AuthenticationException {
    String text = reader.attribute('i');
    try {
      int iterations = Integer.parseInt(text);
      if (iterations < 1) {
        throw reader.malformed("iteration count must be positive, got " + iterations);
      }
      return iterations;
    } catch (NumberFormatException e) {
      throw reader.malformed("iteration count is not a number");
    }
  }

  /** RFC 5802 saslname: "," and "=" are escaped as "=2C" and "=3D". */
  private static String saslName(String user) {
    return user.replace("=", "=3D").replace(",", "=2C");
  }

  private void requireState(State expected, String message) throws AuthenticationException {
    if (state != expected) {
      State actual = state;
      fail();
      throw AuthenticationException.badExchange("unexpected SCRAM " + message + " in state " + actual);
    }
  }

  private void fail() {
    state = State.FAILED;
    forgetPassword();
  }

  private void forgetPassword() {
    if (preparedPassword != null) {
      Arrays.fill(preparedPassword, (byte) 0);
      preparedPassword = null;
    }
  }
}
