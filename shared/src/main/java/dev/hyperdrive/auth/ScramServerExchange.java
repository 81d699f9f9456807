package dev.hyperdrive.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server half of one SCRAM-SHA-256 login (RFC 5802, RFC 7677), without channel binding, as
 * PostgreSQL runs it: client-first → server-first, client-final → server-final. It verifies the client's
 * proof against the StoredKey only, so it never needs the password.
 *
 * <p>For a user without a SCRAM secret it runs the same exchange with a fake secret whose salt is derived
 * from the user name, and fails at the end with the same message as a wrong password, so neither timing
 * nor answers reveal which users exist (PostgreSQL's "mock authentication").
 */
public final class ScramServerExchange {
  /** Where the exchange is; each method is valid in exactly one state. */
  public enum State { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, SUCCEEDED, FAILED }

  /** Per-process secret that makes mock salts stable for a user yet unpredictable (PostgreSQL's mock_auth_nonce). */
  private static final byte[] MOCK_SALT_SECRET = ScramCrypto.randomBytes(32);

  private final String user;
  private final ScramCredential credential;
  private final boolean doomed;
  private final String serverNonce;
  private State state = State.AWAITING_CLIENT_FIRST;
  private String gs2Header;
  private String clientFirstBare;
  private String serverFirst;
  private String combinedNonce;

  public ScramServerExchange(String user, ScramCredential credential) {
    this(user, credential, false, ScramCrypto.randomNonce());
  }

  ScramServerExchange(String user, ScramCredential credential, boolean doomed, String serverNonce) {
    this.user = user;
    this.credential = credential;
    this.doomed = doomed;
    this.serverNonce = serverNonce;
  }

  /** A mock exchange for a user that does not exist or has no SCRAM secret: it always fails, at the end. */
  public static ScramServerExchange withoutCredential(String user) {
    byte[] saltSource = (user + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] keyed = Arrays.copyOf(MOCK_SALT_SECRET, MOCK_SALT_SECRET.length + saltSource.length);
    System.arraycopy(saltSource, 0, keyed, MOCK_SALT_SECRET.length, saltSource.length);
    byte[] salt = Arrays.copyOf(ScramCrypto.sha256(keyed), ScramCredential.DEFAULT_SALT_LENGTH);
    ScramCredential fake = new ScramCredential(ScramCredential.DEFAULT_ITERATIONS, salt,
        ScramCrypto.randomBytes(ScramCrypto.KEY_LENGTH), ScramCrypto.randomBytes(ScramCrypto.KEY_LENGTH));
    return new ScramServerExchange(user, fake, true, ScramCrypto.randomNonce());
  }

  public State state() {
    return state;
  }

  /** Consumes the client-first-message; returns the server-first-message. */
  public byte[] receiveClientFirst(byte[] message) throws AuthenticationException {
    requireState(State.AWAITING_CLIENT_FIRST, "client-first-message");
    try {
      ScramMessageReader reader = ScramMessageReader.of(message, "client-first-message");
      readGs2Header(reader);
      int bareStart = reader.position();
      if (reader.peekName() == 'm') {
        throw AuthenticationException.badExchange("client requires an unsupported SCRAM extension");
      }
      reader.attribute('n'); // ignored, as PostgreSQL does: the StartupMessage already named the user
      String clientNonce = reader.nonce();
      while (!reader.atEnd()) {
        reader.anyAttributeValue(); // optional extensions; none are supported, so they are skipped
      }
      clientFirstBare = reader.substring(bareStart, reader.position());
      combinedNonce = clientNonce + serverNonce;
      serverFirst = "r=" + combinedNonce + ",s=" + Base64.getEncoder().encodeToString(credential.salt())
          + ",i=" + credential.iterations();
      state = State.AWAITING_CLIENT_FINAL;
      return serverFirst.getBytes(StandardCharsets.UTF_8);
    } catch (AuthenticationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  /** Consumes the client-final-message; returns the server-final-message if the proof is right. */
  public byte[] receiveClientFinal(byte[] message) throws AuthenticationException {
    requireState(State.AWAITING_CLIENT_FINAL, "client-final-message");
    try {
      ScramMessageReader reader = ScramMessageReader.of(message, "client-final-message");
      String channelBinding = reader.attribute('c');
      if (!channelBinding.equals(Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8)))) {
        throw AuthenticationException.badExchange("SCRAM channel binding check failed");
      }
      if (!reader.attribute('r').equals(combinedNonce)) {
        throw AuthenticationException.badExchange("SCRAM nonce mismatch in client-final-message");
      }
      while (reader.peekName() != 'p') {
        reader.anyAttributeValue(); // extensions; at the end of the message this throws "attribute expected"
      }
      int proofStart = reader.position();
      byte[] proof = reader.base64('p');
      reader.expectEnd();
      if (proof.length != ScramCrypto.KEY_LENGTH) {
        throw reader.malformed("proof is " + proof.length + " bytes, expected " + ScramCrypto.KEY_LENGTH);
      }
      String authMessage = clientFirstBare + "," + serverFirst + "," + reader.substring(0, proofStart - 1);
      byte[] storedKey = credential.storedKey();
      byte[] clientKey = ScramCrypto.xor(proof, ScramCrypto.hmac(storedKey, authMessage));
      boolean proofMatches = MessageDigest.isEqual(ScramCrypto.sha256(clientKey), storedKey);
      if (!proofMatches || doomed) {
        throw AuthenticationException.passwordFailed(user);
      }
      state = State.SUCCEEDED;
      byte[] serverSignature = ScramCrypto.hmac(credential.serverKey(), authMessage);
      return ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
    } catch (AuthenticationException e) {
      state = State.FAILED;
      throw e;
    }
  }

  private void readGs2Header(ScramMessageReader reader) throws AuthenticationException {
    char flag = reader.peekName();
    if (flag == 'p') {
      throw AuthenticationException.badExchange(
          "channel binding is not supported: the server offers SCRAM-SHA-256, not SCRAM-SHA-256-PLUS");
    }
    if (flag != 'n' && flag != 'y') {
      throw reader.malformed("unexpected channel-binding flag \"" + flag + "\"");
    }
    reader.flag();
    if (reader.peekName() == 'a') {
      throw AuthenticationException.badExchange("client uses authorization identity, but it is not supported");
    }
    reader.comma();
    gs2Header = reader.substring(0, reader.position());
  }

  private void requireState(State expected, String message) throws AuthenticationException {
    if (state != expected) {
      State actual = state;
      state = State.FAILED;
      throw AuthenticationException.badExchange("unexpected SCRAM " + message + " in state " + actual);
    }
  }
}
